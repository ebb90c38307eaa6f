// cblearn's Swift adapter: entry point. The protocol is in docs/protocol.md.
redirectOutput()
serve()
