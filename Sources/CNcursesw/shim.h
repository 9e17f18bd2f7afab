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
#include <stdio.h>
#include <wchar.h>

// Swift 6 rejects mutable C globals and cannot call macros: expose them as functions.
static inline WINDOW *cs_stdscr(void) { return stdscr; }
static inline FILE *cs_stdout(void) { return stdout; }
static inline FILE *cs_stdin(void) { return stdin; }
static inline int cs_lines(void) { return LINES; }
static inline int cs_cols(void) { return COLS; }
static inline int cs_color_pair(int n) { return (int)COLOR_PAIR(n); }
static inline int cs_colors(void) { return COLORS; }
static inline int cs_key_resize(void) { return KEY_RESIZE; }
static inline int cs_key_code_yes(void) { return KEY_CODE_YES; }
static inline attr_t cs_a_normal(void) { return A_NORMAL; }
static inline attr_t cs_a_bold(void) { return A_BOLD; }
static inline attr_t cs_a_dim(void) { return A_DIM; }
static inline attr_t cs_a_underline(void) { return A_UNDERLINE; }
static inline attr_t cs_a_reverse(void) { return A_REVERSE; }
static inline attr_t cs_a_italic(void) { return A_ITALIC; }
static inline int cs_ccharw_max(void) { return CCHARW_MAX; }
static inline int cs_key_mouse(void) { return KEY_MOUSE; }
static inline mmask_t cs_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t cs_wheel_up(void) { return BUTTON4_PRESSED; }
static inline mmask_t cs_wheel_down(void) { return BUTTON5_PRESSED; }
// Whether terminfo has an entry for `name`, without starting curses (for `credstack version`).
#include <ncursesw/term.h>
static inline int cs_terminfo_exists(const char *name) {
    int status = 0;
    TERMINAL *saved = cur_term;
    if (setupterm((char *)name, 2, &status) != OK || status != 1) { set_curterm(saved); return 0; }
    TERMINAL *probe = cur_term;
    set_curterm(saved);
    del_curterm(probe);
    return 1;
}
#endif
