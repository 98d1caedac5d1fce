/* test-types.h: types shared by the tests and the test daemon
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <ro-glib/ro-glib.h>

G_BEGIN_DECLS

typedef enum {
  TEST_COLOR_RED,
  TEST_COLOR_GREEN,
  TEST_COLOR_BLUE = 7,
} TestColor;

typedef enum {
  TEST_STYLE_BOLD = 1 << 0,
  TEST_STYLE_ITALIC = 1 << 1,
} TestStyle;

#define TEST_TYPE_COLOR (test_color_get_type ())
GType test_color_get_type (void);
#define TEST_TYPE_STYLE (test_style_get_type ())
GType test_style_get_type (void);

/* A source with one member of every kind: the test daemon shares it. */
#define TEST_TYPE_THING (test_thing_get_type ())
G_DECLARE_FINAL_TYPE (TestThing, test_thing, TEST, THING, GObject)

TestThing *test_thing_new            (const char *serial);
void       test_thing_set_count      (TestThing  *self,
                                      int         count);
void       test_thing_set_temperature (TestThing *self,
                                       double     temperature);
void       test_thing_emit_overheat  (TestThing  *self,
                                      const char *reason,
                                      double      temperature);
guint      test_thing_get_n_cancelled (TestThing *self);

G_END_DECLS
