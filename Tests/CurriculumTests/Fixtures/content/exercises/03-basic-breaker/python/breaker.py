# starter
