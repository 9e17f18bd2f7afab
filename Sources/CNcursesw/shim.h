#ifndef CREDSTACK_CNCURSESW_SHIM_H
#define CREDSTACK_CNCURSESW_SHIM_H
// SwiftPM drops pkg-config's -D_XOPEN_SOURCE flags, so ask for the wide API here.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>

// Swift 6 rejects mutable C globals and cannot call macros: expose them as functions.
static inline WINDOW *cs_stdscr(void) { return stdscr; }
static inline int cs_lines(void) { return LINES; }
static inline int cs_cols(void) { return COLS; }
static inline int cs_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cs_colors(void) { return COLORS; }
static inline int cs_key_resize(void) { return KEY_RESIZE; }
#endif
