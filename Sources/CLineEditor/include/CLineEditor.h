// Non-variadic wrappers over libedit's el_set/el_get/history, callable from Swift.
#ifndef CLINEEDITOR_H
#define CLINEEDITOR_H

#include <stdio.h>
#include <histedit.h>

/// A function bound to a key: returns one of libedit's CC_* codes.
typedef unsigned char (*cle_function)(EditLine *el, int ch);

/// Starts an editor on stdin, stdout and stderr, in emacs mode, with the prompt set by cle_set_prompt.
EditLine *cle_init(const char *program);
/// Ends an editor and restores the terminal.
void cle_end(EditLine *el);
/// Sets the prompt text (copied).
void cle_set_prompt(EditLine *el, const char *prompt);
/// Adds a named function and binds it to a key sequence such as "^I".
int cle_bind_function(EditLine *el, const char *name, const char *help, cle_function fn, const char *key);
/// Reads a line; NULL at end of input or on error, with *count set to 0 or -1.
const char *cle_gets(EditLine *el, int *count);
/// Inserts text at the cursor.
int cle_insert(EditLine *el, const char *text);
/// Copies the text before the cursor into buffer (NUL-terminated); returns its length.
int cle_line_before_cursor(EditLine *el, char *buffer, int size);
/// Redraws the prompt and the line after a listing was printed.
void cle_redisplay(EditLine *el);

/// Creates a history of at most size entries and attaches it to the editor.
History *cle_history_init(EditLine *el, int size);
/// Adds a line.
int cle_history_enter(History *h, const char *line);
/// Loads entries from a file; returns the count or -1.
int cle_history_load(History *h, const char *path);
/// Saves entries to a file; returns the count or -1.
int cle_history_save(History *h, const char *path);
/// Frees the history.
void cle_history_end(History *h);

/// The CC_* codes for Swift.
extern const unsigned char CLE_CC_REDISPLAY;
extern const unsigned char CLE_CC_REFRESH;
extern const unsigned char CLE_CC_NORM;
extern const unsigned char CLE_CC_ERROR;

#endif
