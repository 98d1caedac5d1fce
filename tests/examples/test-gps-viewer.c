/* test-gps-viewer.c: the GTK GPS viewer, under Xvfb
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Starts ro-gps-viewer in a virtual X server (xvfb-run) next to a GPS
 * daemon, restarts the daemon, and checks that the viewer went live, lost
 * the daemon, went live again by itself, and closed cleanly. Skipped, with
 * the reason, when the viewer was not built (no GTK 4) or xvfb-run is
 * missing.
 */

#include "example-util.h"

static void
test_viewer (void)
{
  g_autofree char *xvfb_run = g_find_program_in_path ("xvfb-run");
  g_autofree char *xauth = g_find_program_in_path ("xauth");
  g_autofree char *runtime = NULL;
  g_autoptr(ExampleProcess) first = NULL;
  g_autoptr(ExampleProcess) second = NULL;
  g_autoptr(ExampleProcess) viewer = NULL;
  /* Software drawing, no accessibility bus: nothing the test machine may
   * lack. In sanitizer builds, fontconfig's and pango's caches would
   * count as leaks. */
  const char * const envp[] = {
    "GSK_RENDERER=cairo", "GDK_BACKEND=x11", "GTK_A11Y=none", "NO_AT_BRIDGE=1",
    "ASAN_OPTIONS=detect_leaks=0", NULL
  };
  int status;
  const char * const argv[] = {
    "xvfb-run", "--auto-servernum", "--server-args=-screen 0 800x600x24",
    GPS_VIEWER, "--quit-after", "10", NULL
  };

#ifndef HAVE_GPS_VIEWER
  g_test_skip ("The GTK viewer was not built: GTK 4 was not found (apt-get install libgtk-4-dev) "
               "or -Dgtk=disabled");
  return;
#endif
  if (xvfb_run == NULL || xauth == NULL)
    {
      g_test_skip ("xvfb-run or xauth is not installed (apt-get install xvfb xauth)");
      return;
    }

  runtime = example_runtime_dir_new ();
  first = example_spawn (runtime, GPS_DAEMON, "--interval", "100", NULL);
  example_wait_for (first, "Sharing");

  viewer = example_spawnv (runtime, envp, argv);
  example_wait_for (viewer, "state: Waiting for the source “Gps” at local:gps");
  example_wait_for (viewer, "state: Live");

  example_stop (first);
  example_wait_for (viewer, "state: Lost — waiting for the daemon to come back");

  second = example_spawn (runtime, GPS_DAEMON, "--interval", "100", NULL);
  example_wait_for (viewer, "state: Live");

  /* --quit-after closes it. */
  status = example_wait_exit (viewer);
  for (guint i = 0; i < viewer->err->len; i++)
    g_test_message ("viewer stderr: %s", (char *) g_ptr_array_index (viewer->err, i));
  g_assert_cmpint (status, ==, 0);
  g_assert_false (example_has_line (viewer->err, "CRITICAL"));
  g_assert_false (example_has_line (viewer->err, "WARNING"));

  example_stop (second);
  g_clear_pointer (&runtime, example_runtime_dir_free);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The GTK GPS viewer follows a daemon that restarts, under Xvfb");

  g_test_add_func ("/Examples/gps-viewer", test_viewer);
  return g_test_run ();
}
