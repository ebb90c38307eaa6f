#include "CLineEditor.h"
#include <stdlib.h>
#include <string.h>

const unsigned char CLE_CC_REDISPLAY = CC_REDISPLAY;
const unsigned char CLE_CC_REFRESH = CC_REFRESH;
const unsigned char CLE_CC_NORM = CC_NORM;
const unsigned char CLE_CC_ERROR = CC_ERROR;

static char cle_prompt_text[512] = "> ";

static char *cle_prompt(EditLine *el) {
  (void)el;
  return cle_prompt_text;
}

EditLine *cle_init(const char *program) {
  EditLine *el = el_init(program, stdin, stdout, stderr);
  if (el == NULL) return NULL;
  el_set(el, EL_EDITOR, "emacs");
  el_set(el, EL_PROMPT, cle_prompt);
  el_source(el, NULL);
  return el;
}

void cle_end(EditLine *el) {
  if (el != NULL) el_end(el);
}

void cle_set_prompt(EditLine *el, const char *prompt) {
  (void)el;
  strncpy(cle_prompt_text, prompt, sizeof cle_prompt_text - 1);
  cle_prompt_text[sizeof cle_prompt_text - 1] = '\0';
}

int cle_bind_function(EditLine *el, const char *name, const char *help, cle_function fn, const char *key) {
  if (el_set(el, EL_ADDFN, name, help, fn) != 0) return -1;
  return el_set(el, EL_BIND, key, name, NULL);
}

const char *cle_gets(EditLine *el, int *count) { return el_gets(el, count); }

int cle_insert(EditLine *el, const char *text) { return el_insertstr(el, text); }

int cle_line_before_cursor(EditLine *el, char *buffer, int size) {
  const LineInfo *info = el_line(el);
  if (info == NULL || size <= 0) return 0;
  int length = (int)(info->cursor - info->buffer);
  if (length >= size) length = size - 1;
  memcpy(buffer, info->buffer, (size_t)length);
  buffer[length] = '\0';
  return length;
}

void cle_redisplay(EditLine *el) { el_set(el, EL_REFRESH); }

History *cle_history_init(EditLine *el, int size) {
  HistEvent event;
  History *h = history_init();
  if (h == NULL) return NULL;
  history(h, &event, H_SETSIZE, size);
  history(h, &event, H_SETUNIQUE, 1);
  if (el != NULL) el_set(el, EL_HIST, history, h);
  return h;
}

int cle_history_enter(History *h, const char *line) {
  HistEvent event;
  return history(h, &event, H_ENTER, line);
}

int cle_history_load(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_LOAD, path);
}

int cle_history_save(History *h, const char *path) {
  HistEvent event;
  return history(h, &event, H_SAVE, path);
}

void cle_history_end(History *h) {
  if (h != NULL) history_end(h);
}
