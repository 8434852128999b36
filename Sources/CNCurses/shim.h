// The module map names the header and the library itself rather than asking pkg-config, whose ncursesw flags
// (-D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600) SwiftPM refuses. Those flags only served to enable the wide-character
// API (cchar_t, get_wch, mvwaddwstr…), which NCURSES_WIDECHAR enables on its own.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
