/* test-fuzz-regressions.c: every seed and every crash found, on every run
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * Runs each file of fuzz/corpus/<target>/ and fuzz/regressions/<target>/
 * through the same function the fuzzer for <target> calls, built with the
 * ordinary compiler and flags: a crash a fuzzer once found stays fixed.
 * One test per file, so TAP names the file that fails.
 *
 *   test-fuzz-regressions TARGET FILE...
 *
 * runs the given files through TARGET instead, to reproduce a crash without
 * a fuzzing build.
 */

#include <string.h>

#include "fuzz.h"

static const struct
{
  const char *name;
  RoFuzzTarget run;
} targets[] = {
  { "frame-buffer", ro_fuzz_frame_buffer },
  { "json-decode", ro_fuzz_json_decode },
  { "gvariant-decode", ro_fuzz_gvariant_decode },
  { "message", ro_fuzz_message },
  { "interface-info", ro_fuzz_interface_info },
#ifdef RO_FUZZ_HAVE_REPC
  { "rep-parser", ro_fuzz_rep_parser },
#endif
};

typedef struct
{
  RoFuzzTarget run;
  char *path;
} Case;

static void
case_free (gpointer data)
{
  Case *c = data;

  g_free (c->path);
  g_free (c);
}

static void
run_file (RoFuzzTarget  run,
          const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;

  if (!g_file_get_contents (path, &contents, &length, &error))
    g_error ("%s", error->message);
  /* The target copies what it needs: a read past @length is seen. */
  run ((const guint8 *) contents, length);
}

static void
test_file (gconstpointer data)
{
  const Case *c = data;

  g_test_message ("%s", c->path);
  run_file (c->run, c->path);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(char * const *) a, *(char * const *) b);
}

/* Adds a test per file of @dir (in name order); returns how many. */
static guint
add_dir (const char   *target,
         RoFuzzTarget  run,
         const char   *kind)
{
  g_autofree char *dir_path = g_test_build_filename (G_TEST_DIST, "fuzz", kind, target, NULL);
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return 0;

  while ((name = g_dir_read_name (dir)) != NULL)
    if (name[0] != '.')
      g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);

  for (guint i = 0; i < names->len; i++)
    {
      Case *c = g_new0 (Case, 1);
      g_autofree char *test_path = NULL;

      c->run = run;
      c->path = g_build_filename (dir_path, g_ptr_array_index (names, i), NULL);
      test_path = g_strdup_printf ("/Ro/Fuzz/%s/%s/%s", target, kind,
                                   (const char *) g_ptr_array_index (names, i));
      g_test_add_data_func_full (test_path, c, test_file, case_free);
    }

  return names->len;
}

static RoFuzzTarget
find_target (const char *name)
{
  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    if (strcmp (targets[i].name, name) == 0)
      return targets[i].run;
  return NULL;
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_summary ("The fuzz targets on their seed corpus and on every crash the fuzzers found");

  if (argc > 1)
    {
      RoFuzzTarget run = find_target (argv[1]);

      if (run == NULL)
        g_error ("Unknown fuzz target “%s”", argv[1]);
      for (int i = 2; i < argc; i++)
        {
          run_file (run, argv[i]);
          g_print ("%s: %s: ok\n", argv[1], argv[i]);
        }
      return 0;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (targets); i++)
    {
      /* Every target has seeds; a missing corpus is a broken checkout. */
      if (add_dir (targets[i].name, targets[i].run, "corpus") == 0)
        g_error ("No seed corpus for fuzz target “%s”", targets[i].name);
      add_dir (targets[i].name, targets[i].run, "regressions");
    }

  return g_test_run ();
}
