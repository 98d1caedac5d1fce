/* test-repc-golden.c: the generator's output, compared with golden files
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For every test .rep file, the header and source generated in process must
 * equal tests/repc/golden/NAME.h and NAME.c, and so must the ones the build
 * made with the ro-repc program. After a deliberate change of the generator,
 * rewrite the golden files and review their diff:
 *
 *   RO_REPC_UPDATE_GOLDEN=1 meson test -C BUILD repc-golden
 */

#include "repc.h"

static const char * const reps[] = { "thermostat", "thermostat-v2", "types" };

static char *
read_file (const char *path)
{
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

static void
compare (const char *what,
         const char *actual,
         const char *golden_path)
{
  g_autofree char *golden = read_file (golden_path);

  if (g_strcmp0 (actual, golden) != 0)
    {
      g_test_message ("%s differs from %s; if the change is meant, run the test with "
                      "RO_REPC_UPDATE_GOLDEN=1 and review the diff", what, golden_path);
      g_assert_cmpstr (actual, ==, golden);
    }
}

static void
test_golden (gconstpointer data)
{
  const char *name = data;
  g_autofree char *rep_name = g_strconcat (name, ".rep", NULL);
  g_autofree char *header_name = g_strconcat (name, ".h", NULL);
  g_autofree char *source_name = g_strconcat (name, ".c", NULL);
  g_autofree char *rep_path = g_build_filename (REPC_TEST_SRCDIR, rep_name, NULL);
  g_autofree char *golden_header = g_build_filename (REPC_TEST_SRCDIR, "golden", header_name, NULL);
  g_autofree char *golden_source = g_build_filename (REPC_TEST_SRCDIR, "golden", source_name, NULL);
  g_autofree char *built_header = g_build_filename (REPC_TEST_BUILDDIR, header_name, NULL);
  g_autofree char *built_source = g_build_filename (REPC_TEST_BUILDDIR, source_name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RepcFile) file = repc_parse_file (rep_path, &error);
  g_autofree char *header = NULL;
  g_autofree char *source = NULL;
  g_autofree char *cli_header = NULL;
  g_autofree char *cli_source = NULL;

  g_assert_no_error (error);
  header = repc_generate_header (file, rep_name, &error);
  g_assert_no_error (error);
  source = repc_generate_source (file, rep_name, header_name, &error);
  g_assert_no_error (error);

  if (g_getenv ("RO_REPC_UPDATE_GOLDEN") != NULL)
    {
      g_file_set_contents (golden_header, header, -1, &error);
      g_assert_no_error (error);
      g_file_set_contents (golden_source, source, -1, &error);
      g_assert_no_error (error);
      g_test_message ("Rewrote %s and %s", golden_header, golden_source);
    }

  compare ("The generated header", header, golden_header);
  compare ("The generated source", source, golden_source);

  /* The program the build ran writes the same. */
  cli_header = read_file (built_header);
  cli_source = read_file (built_source);
  compare (built_header, cli_header, golden_header);
  compare (built_source, cli_source, golden_source);
}

/* Same input, same output: nothing depends on hash order or time. */
static void
test_deterministic (void)
{
  g_autofree char *rep_path = g_build_filename (REPC_TEST_SRCDIR, "types.rep", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(RepcFile) first = repc_parse_file (rep_path, &error);
  g_autoptr(RepcFile) second = repc_parse_file (rep_path, &error);
  g_autofree char *a = repc_generate_source (first, "types.rep", "types.h", &error);
  g_autofree char *b = repc_generate_source (second, "types.rep", "types.h", &error);

  g_assert_no_error (error);
  g_assert_cmpstr (a, ==, b);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The output of ro-repc against golden files");

  for (guint i = 0; i < G_N_ELEMENTS (reps); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Repc/Golden/%s", reps[i]);

      g_test_add_data_func (path, reps[i], test_golden);
    }
  g_test_add_func ("/Repc/Golden/deterministic", test_deterministic);

  return g_test_run ();
}
