/* ro-repc.c: generate GObject sources and replicas from a QtRO .rep file
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-repc [OPTION…] FILE.rep
 *
 * Writes NAME.h and NAME.c (NAME: FILE without .rep) into the current
 * directory, or where --output-dir, --header and --source say. Errors go to
 * stderr as FILE:LINE:COLUMN: error: MESSAGE, and the exit status is 1.
 */

#include "config.h"

#include <locale.h>
#include <stdlib.h>
#include <string.h>

#include "repc.h"

static char *header_path;
static char *source_path;
static char *output_dir;
static gboolean show_version;

static const GOptionEntry entries[] = {
  { "header", 0, 0, G_OPTION_ARG_FILENAME, &header_path, "Write the header to FILE", "FILE" },
  { "source", 0, 0, G_OPTION_ARG_FILENAME, &source_path, "Write the C source to FILE", "FILE" },
  { "output-dir", 'o', 0, G_OPTION_ARG_FILENAME, &output_dir,
    "Write NAME.h and NAME.c into DIR (default: the current directory)", "DIR" },
  { "version", 0, 0, G_OPTION_ARG_NONE, &show_version, "Print the version and exit", NULL },
  { NULL }
};

static gboolean
write_file (const char  *path,
            const char  *contents,
            GError     **error)
{
  g_autoptr(GError) local_error = NULL;

  if (!g_file_set_contents (path, contents, -1, &local_error))
    {
      g_set_error (error, REPC_ERROR, REPC_ERROR_INVALID, "%s: error: %s", path, local_error->message);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run (const char  *rep_path,
     GError     **error)
{
  g_autoptr(RepcFile) file = NULL;
  g_autofree char *rep_name = g_path_get_basename (rep_path);
  g_autofree char *stem = NULL;
  g_autofree char *header = NULL;
  g_autofree char *source = NULL;
  g_autofree char *header_file = NULL;
  g_autofree char *source_file = NULL;
  g_autofree char *header_name = NULL;
  const char *dir;

  file = repc_parse_file (rep_path, error);
  if (file == NULL)
    return FALSE;

  stem = g_str_has_suffix (rep_name, ".rep") ? g_strndup (rep_name, strlen (rep_name) - 4) : g_strdup (rep_name);
  dir = output_dir != NULL ? output_dir : ".";
  header_file = header_path != NULL ? g_strdup (header_path)
                                    : g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s.h", dir, stem);
  source_file = source_path != NULL ? g_strdup (source_path)
                                    : g_strdup_printf ("%s" G_DIR_SEPARATOR_S "%s.c", dir, stem);
  /* The source includes the header by name: keep them side by side. */
  header_name = g_path_get_basename (header_file);

  header = repc_generate_header (file, rep_name, error);
  source = header != NULL ? repc_generate_source (file, rep_name, header_name, error) : NULL;
  if (source == NULL)
    {
      g_prefix_error (error, "%s: error: ", rep_path);
      return FALSE;
    }

  return write_file (header_file, header, error) && write_file (source_file, source, error);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");

  context = g_option_context_new ("FILE.rep");
  g_option_context_set_summary (context,
                                "Generates typed GObject sources and replicas (a C header and a C\n"
                                "source) from a Qt Remote Objects .rep file, for libro-glib.");
  g_option_context_set_description (context,
                                    "By default FILE.rep gives FILE.h and FILE.c in the current directory.\n"
                                    "Errors are printed as FILE:LINE:COLUMN: error: MESSAGE.\n"
                                    "See docs/repc.md for the .rep language and a meson recipe.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ro-repc: error: %s\n", error->message);
      return EXIT_FAILURE;
    }

  if (show_version)
    {
      g_print ("ro-repc %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }

  if (argc != 2)
    {
      g_printerr ("ro-repc: error: expected one .rep file (see ro-repc --help)\n");
      return EXIT_FAILURE;
    }

  if (!run (argv[1], &error))
    {
      /* Messages of REPC_ERROR already say where. */
      g_printerr ("%s\n", error->message);
      return EXIT_FAILURE;
    }

  return EXIT_SUCCESS;
}
