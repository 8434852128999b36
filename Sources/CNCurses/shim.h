// SwiftPM drops pkg-config's -D_XOPEN_SOURCE=600; without this the wide-character API is missing.
#define NCURSES_WIDECHAR 1
#include <locale.h>
#include <langinfo.h>
#include <ncursesw/curses.h>
