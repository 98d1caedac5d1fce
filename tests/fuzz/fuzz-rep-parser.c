/* fuzz-rep-parser.c: ro-repc's .rep parser and generator on any text
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * The input is a .rep file. repc_parse() must refuse it with a REPC_ERROR
 * whose message starts "fuzz.rep:LINE:COLUMN: error: ", or parse it; then
 * every class builds an interface info or fails with an error, and the
 * header and the source are generated (or fail with an error), as ro-repc
 * would do with the file. The generated C is not compiled: that is for the
 * golden tests of tests/repc.
 */

#include <string.h>

#include "fuzz.h"
#include "repc.h"

#define REP_NAME "fuzz.rep"

static void
check_repc_error (const GError *error)
{
  g_assert_nonnull (error);
  g_assert_nonnull (error->message);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
}

void
ro_fuzz_rep_parser (const guint8 *data,
                    gsize         size)
{
  /* Not NUL-terminated: the parser must stop at @size. An empty file is
   * "", as g_file_get_contents() gives it, not NULL. */
  g_autofree char *text = size > 0 ? g_memdup2 (data, size) : g_strdup ("");
  g_autoptr(GError) error = NULL;
  g_autoptr(RepcFile) file = NULL;
  g_autofree char *header = NULL;
  g_autofree char *source = NULL;

  file = repc_parse (REP_NAME, text, (gssize) size, &error);
  if (file == NULL)
    {
      const char *rest;

      check_repc_error (error);
      g_assert_true (error->domain == REPC_ERROR);
      g_assert_true (g_str_has_prefix (error->message, REP_NAME ":"));
      /* FILE:LINE:COLUMN: error: */
      rest = error->message + strlen (REP_NAME ":");
      g_assert_true (g_ascii_isdigit (rest[0]));
      rest = strchr (rest, ':');
      g_assert_nonnull (rest);
      g_assert_true (g_ascii_isdigit (rest[1]));
      g_assert_nonnull (strstr (rest, ": error: "));
      return;
    }
  g_assert_no_error (error);

  for (guint i = 0; i < file->classes->len; i++)
    {
      g_autoptr(RoInterfaceInfo) info = repc_class_build_info (g_ptr_array_index (file->classes, i), &error);

      if (info == NULL)
        {
          check_repc_error (error);
          g_clear_error (&error);
          continue;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (strlen (ro_interface_info_get_signature (info)), ==, 64);
    }

  header = repc_generate_header (file, REP_NAME, &error);
  if (header == NULL)
    {
      check_repc_error (error);
      return;
    }
  g_assert_true (g_utf8_validate (header, -1, NULL));

  source = repc_generate_source (file, REP_NAME, "fuzz.h", &error);
  if (source == NULL)
    {
      check_repc_error (error);
      return;
    }
  g_assert_true (g_utf8_validate (source, -1, NULL));
}

#ifdef RO_FUZZ_ENTRY_POINT
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  ro_fuzz_init ();
  ro_fuzz_rep_parser (data, size);
  return 0;
}
#endif
