/* test-examples.c: the GPS and printer daemons with their clients
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test runs the example programs as a user would, in a private
 * XDG_RUNTIME_DIR (so local:gps and local:printer, their default
 * addresses, are the test's own), and checks what they print: updates
 * that reach the client, calls that reach the daemon, replica states.
 */

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ro-glib/ro-glib.h>

#include "example-util.h"

typedef struct
{
  char *runtime;
} Fixture;

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  data)
{
  fixture->runtime = example_runtime_dir_new ();
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  data)
{
  example_runtime_dir_free (fixture->runtime);
}

/* A text file of @lines lines in the runtime directory. */
static char *
make_document (Fixture    *fixture,
               const char *name,
               int         lines)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (fixture->runtime, name, NULL);

  for (int i = 1; i <= lines; i++)
    g_string_append_printf (text, "line %d\n", i);
  g_file_set_contents (path, text->str, text->len, &error);
  g_assert_no_error (error);
  return path;
}

/* "12:35:19  48.117300 N  11.516667 E  ..." */
static gboolean
is_fix_line (const char *line)
{
  return g_ascii_isdigit (line[0]) || g_str_has_prefix (line, "--:--:--");
}

static void
parse_fix (const char *line,
           double     *latitude,
           double     *longitude)
{
  char north, east;

  g_assert_cmpint (sscanf (line, "%*s %lf %c %lf %c", latitude, &north, longitude, &east), ==, 4);
  if (north == 'S')
    *latitude = -*latitude;
  if (east == 'W')
    *longitude = -*longitude;
}

/* ro-gps-daemon & ro-gps-client, with their defaults: the simulated track,
 * at local:gps. */
static void
test_gps_simulated (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ExampleProcess) daemon = NULL;
  g_autoptr(ExampleProcess) client = NULL;
  g_autoptr(ExampleProcess) pusher = NULL;
  double last_latitude = 0, last_longitude = 0;
  guint fixes = 0;

  daemon = example_spawn (fixture->runtime, GPS_DAEMON, "--interval", "100", NULL);
  example_wait_for (daemon, "Sharing “Gps” at local:gps: simulated track");

  g_assert_cmpint (example_run (fixture->runtime, &client, GPS_CLIENT, "--count", "4", NULL), ==, 0);
  g_assert_cmpstr (g_ptr_array_index (client->out, 0), ==, "waiting for the source “Gps” at local:gps");
  g_assert_cmpstr (g_ptr_array_index (client->out, 1), ==,
                   "live: simulated track around 48.858370 N, 2.294481 E, an update every 100 ms");
  for (guint i = 2; i < client->out->len; i++)
    {
      const char *line = g_ptr_array_index (client->out, i);
      double latitude, longitude;

      if (!is_fix_line (line))
        continue;
      g_test_message ("%s", line);
      parse_fix (line, &latitude, &longitude);
      /* On the circle of 150 m around the tower, and moving. (The fix is
       * lost 45 s into every minute of the track: far later than this.) */
      g_assert_cmpfloat (fabs (latitude - 48.858370), <, 0.0015);
      g_assert_cmpfloat (fabs (longitude - 2.294481), <, 0.0021);
      if (fixes > 0)
        g_assert_true (latitude != last_latitude || longitude != last_longitude);
      g_assert_nonnull (strstr (line, "speed 7.85 m/s"));
      g_assert_nonnull (strstr (line, "simulated"));
      last_latitude = latitude;
      last_longitude = longitude;
      fixes++;
    }
  g_assert_cmpuint (fixes, ==, 4);

  /* update-interval is READWRITE: a replica's push reaches the daemon,
   * and comes back to it. */
  g_assert_cmpint (example_run (fixture->runtime, &pusher, GPS_CLIENT, "--interval", "250", "--count", "3", NULL), ==, 0);
  g_assert_true (example_has_line (pusher->out, "update interval: 250 ms"));
  example_wait_for (daemon, "Update interval: 250 ms");

  /* --seconds: leaves in time, content when fixes came. */
  g_assert_cmpint (example_run (fixture->runtime, NULL, GPS_CLIENT, "--seconds", "1", NULL), ==, 0);

  example_stop (daemon);
  g_assert_true (example_has_line (daemon->out, "Stopped; updates sent: "));
}

/* The shipped NMEA log, replayed once: the client prints its epochs,
 * exactly, and the daemon the bad lines it skipped. */
static void
test_gps_nmea_replay (Fixture       *fixture,
                      gconstpointer  data)
{
  static const char * const expected[] = {
    "12:35:19  48.117300 N  11.516667 E  alt 545.4 m  speed 11.52 m/s  heading 84.4  autonomous  sats 8",
    "12:35:20  48.117333 N  11.516950 E  alt 545.6 m  speed 11.63 m/s  heading 84.1  autonomous  sats 8",
    "fix lost",
    "12:35:21  48.117333 N  11.516950 E  alt 545.6 m  speed 11.63 m/s  heading 84.1  no-fix  sats 3",
    "fix acquired: differential",
    "12:35:22  48.117400 N  11.517517 E  alt 546.0 m  speed 11.73 m/s  heading 83.9  differential  sats 9",
    "12:35:23  48.117433 N  11.517800 E  alt 546.3 m  speed 11.83 m/s  heading 83.7  autonomous  sats 10",
  };
  g_autoptr(ExampleProcess) daemon = NULL;
  g_autoptr(ExampleProcess) client = NULL;
  g_autoptr(GPtrArray) got = g_ptr_array_new ();

  /* Paused (interval 0) until the client asks for updates, so that it
   * sees the log from its first epoch. */
  daemon = example_spawn (fixture->runtime, GPS_DAEMON, "--nmea", NMEA_LOG, "--once", "--interval", "0", NULL);
  example_wait_for (daemon, "updates paused until a replica sets update-interval");

  g_assert_cmpint (example_run (fixture->runtime, &client, GPS_CLIENT, "--interval", "50", "--count", "5", NULL), ==, 0);
  for (guint i = 0; i < client->out->len; i++)
    {
      const char *line = g_ptr_array_index (client->out, i);

      if (is_fix_line (line) || g_str_has_prefix (line, "fix "))
        g_ptr_array_add (got, (gpointer) line);
    }
  for (guint i = 0; i < MIN (got->len, G_N_ELEMENTS (expected)); i++)
    g_assert_cmpstr (g_ptr_array_index (got, i), ==, expected[i]);
  g_assert_cmpuint (got->len, ==, G_N_ELEMENTS (expected));
  g_assert_true (example_has_line (client->out, "live: NMEA log "));
  g_assert_true (example_has_line (client->out, "update interval: 50 ms"));

  example_wait_for (daemon, "gps-replay.nmea: fixes 5, sentences 10, bad lines skipped 5, "
                            "sentences of other types ignored 1");
  example_wait_for (daemon, "replayed once; the last fix stays");
  example_stop (daemon);
  g_assert_true (example_has_line (daemon->err, "gps-replay.nmea:1: skipped: not an NMEA sentence"));
  g_assert_true (example_has_line (daemon->err, "gps-replay.nmea:9: skipped: bad checksum: the line says 00, its contents give 6A"));
  g_assert_true (example_has_line (daemon->err, "gps-replay.nmea:11: skipped: not an NMEA sentence"));
  g_assert_true (example_has_line (daemon->err, "gps-replay.nmea:14: skipped: no checksum"));
  g_assert_true (example_has_line (daemon->err, "gps-replay.nmea:16: skipped: bad latitude “4867.046”"));
}

static void
write_all (int         fd,
           const char *text)
{
  g_assert_cmpint (write (fd, text, strlen (text)), ==, (gssize) strlen (text));
}

/* --serial reads a device without blocking: here a FIFO, written as a
 * receiver would write its port. */
static void
test_gps_serial (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(ExampleProcess) daemon = NULL;
  g_autoptr(ExampleProcess) client = NULL;
  g_autofree char *fifo = g_build_filename (fixture->runtime, "ttyGPS", NULL);
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  /* Read and write: the FIFO has a writer before the daemon opens it. */
  fd = open (fifo, O_RDWR | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);

  daemon = example_spawn (fixture->runtime, GPS_DAEMON, "--serial", fifo, "--interval", "50", NULL);
  example_wait_for (daemon, "NMEA receiver on");
  client = example_spawn (fixture->runtime, GPS_CLIENT, NULL);
  example_wait_for (client, "live: NMEA receiver on");

  write_all (fd, "$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\r\n"
                 "$GPRMC,123519,A,4807.038,N,01131.000,E,022.4,084.4,230394,003.1,W*6A\r\n");
  example_wait_for (client, "12:35:19  48.117300 N  11.516667 E  alt 545.4 m  speed 11.52 m/s  heading 84.4  autonomous  sats 8");

  /* Noise on the line: counted and skipped. */
  write_all (fd, "\x13\x37 noise\r\n"
                 "$GPGGA,123520,4807.040,N,01131.017,E,1,08,0.9,545.6,M,46.9,M,,*46\r\n"
                 "$GPRMC,123520,A,4807.040,N,01131.017,E,022.6,084.1,230394,003.1,W*6E\r\n");
  example_wait_for (client, "12:35:20  48.117333 N  11.516950 E  alt 545.6 m  speed 11.63 m/s  heading 84.1  autonomous  sats 8");

  example_stop (client);
  example_stop (daemon);
  g_assert_true (example_has_line (daemon->err, "ttyGPS:3: skipped: not an NMEA sentence"));
  g_assert_true (example_has_line (daemon->out, "fixes 2, sentences 4, bad lines skipped 1"));
  close (fd);
}

/* The daemon goes away and comes back: the client says so, and follows
 * the new one by itself. */
static void
test_gps_restart (Fixture       *fixture,
                  gconstpointer  data)
{
  g_autoptr(ExampleProcess) first = NULL;
  g_autoptr(ExampleProcess) second = NULL;
  g_autoptr(ExampleProcess) client = NULL;

  client = example_spawn (fixture->runtime, GPS_CLIENT, NULL);
  example_wait_for (client, "waiting for the source");

  first = example_spawn (fixture->runtime, GPS_DAEMON, "--interval", "100", NULL);
  example_wait_for (client, "live: simulated track");
  example_wait_for (client, "simulated  sats");

  example_stop (first);
  example_wait_for (client, "lost — waiting for the daemon to come back");

  second = example_spawn (fixture->runtime, GPS_DAEMON, "--interval", "100", NULL);
  example_wait_for (client, "live: simulated track");
  example_wait_for (client, "simulated  sats");

  example_stop (client);
  example_stop (second);
}

/* No daemon: --seconds ends the wait, with an error. */
static void
test_gps_no_daemon (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ExampleProcess) client = NULL;

  g_assert_cmpint (example_run (fixture->runtime, &client, GPS_CLIENT, "--seconds", "1", NULL), ==, 1);
  g_assert_true (example_has_line (client->err, "no fix from local:gps in time"));
  g_assert_cmpint (example_run (fixture->runtime, NULL, GPS_CLIENT, "--url", "nonsense", NULL), ==, 2);
  g_assert_cmpint (example_run (fixture->runtime, NULL, GPS_DAEMON, "--once", NULL), ==, 2);
  g_assert_cmpint (example_run (fixture->runtime, NULL, GPS_DAEMON, "--nmea", "/nonexistent", NULL), ==, 1);
}

/* Both daemons register with a registry (here in the test process), and
 * the clients find them through it by name alone. */
static void
test_registry (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoRegistryHost) registry = NULL;
  g_autoptr(ExampleProcess) gps = NULL;
  g_autoptr(ExampleProcess) printer = NULL;
  g_autoptr(ExampleProcess) client = NULL;
  g_autofree char *registry_url = g_strdup_printf ("unix:%s/registry", fixture->runtime);
  g_autofree char *gps_url = g_strdup_printf ("unix:%s/gps", fixture->runtime);

  registry = ro_registry_host_new (registry_url, &error);
  g_assert_no_error (error);

  gps = example_spawn (fixture->runtime, GPS_DAEMON, "--url", gps_url, "--registry", registry_url,
                       "--interval", "100", NULL);
  printer = example_spawn (fixture->runtime, PRINTER_DAEMON, "--url", "local:printer-r",
                           "--registry", registry_url, NULL);
  example_wait_for (gps, "Sharing");
  example_wait_for (printer, "Sharing");

  g_assert_cmpint (example_run (fixture->runtime, &client, GPS_CLIENT, "--registry", registry_url,
                                "--count", "2", NULL), ==, 0);
  g_assert_true (example_has_line (client->out, "live: simulated track"));
  g_clear_pointer (&client, example_process_free);

  g_assert_cmpint (example_run (fixture->runtime, &client, PRINTER_CLIENT, "--registry", registry_url,
                                "status", NULL), ==, 0);
  g_assert_true (example_has_line (client->out, "model: ro-glib simulated printer"));

  example_stop (gps);
  example_stop (printer);
}

static void
assert_status (Fixture            *fixture,
               const char * const *expected)
{
  g_autoptr(ExampleProcess) status = NULL;

  g_assert_cmpint (example_run (fixture->runtime, &status, PRINTER_CLIENT, "status", NULL), ==, 0);
  for (guint i = 0; expected[i] != NULL; i++)
    {
      if (!example_has_line (status->out, expected[i]))
        for (guint j = 0; j < status->out->len; j++)
          g_test_message ("status: %s", (char *) g_ptr_array_index (status->out, j));
      g_assert_true (example_has_line (status->out, expected[i]));
    }
}

/* A job from print to finish, seen by the printing client and by a
 * watching one; the ink it used, seen by a third. */
static void
test_printer_print (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(ExampleProcess) daemon = NULL;
  g_autoptr(ExampleProcess) watch = NULL;
  g_autoptr(ExampleProcess) print = NULL;
  g_autofree char *document = make_document (fixture, "report.txt", 150);

  daemon = example_spawn (fixture->runtime, PRINTER_DAEMON, "--page-time", "100", NULL);
  example_wait_for (daemon, "Sharing “Printer” at local:printer");
  watch = example_spawn (fixture->runtime, PRINTER_CLIENT, "watch", "--count", "1", NULL);
  example_wait_for (watch, "live");
  example_wait_for (watch, "status: idle");

  g_assert_cmpint (example_run (fixture->runtime, &print, PRINTER_CLIENT, "print", document, "--wait", NULL), ==, 0);
  g_assert_cmpstr (g_ptr_array_index (print->out, 0), ==, "job 1 accepted: “report.txt”");
  g_assert_true (example_has_line (print->out, "job 1 started: “report.txt”, 3 pages"));
  g_assert_true (example_has_line (print->out, "job 1: 33%"));
  g_assert_true (example_has_line (print->out, "job 1 finished: “report.txt”"));

  /* The watcher leaves after one job. */
  g_assert_cmpint (example_wait_exit (watch), ==, 0);
  example_wait_for (watch, "job 1 started: “report.txt”, 3 pages");
  example_wait_for (watch, "job 1: 66%");
  example_wait_for (watch, "job 1 finished: “report.txt”");

  /* Three pages: 2 % of black each, 1 % of each colour. */
  assert_status (fixture, (const char * const[]) {
    "status: idle",
    "current job: none",
    "queue: 0 jobs",
    "ink: cyan 97%, magenta 97%, yellow 97%, black 94%",
    NULL,
  });

  example_stop (daemon);
  g_assert_true (example_has_line (daemon->out, "job 1 accepted: “report.txt”, 3 pages"));
}

/* Ink runs out in the middle of a job: the job waits, new jobs are
 * refused with the reason, and a refill lets the job finish. */
static void
test_printer_out_of_ink (Fixture       *fixture,
                         gconstpointer  data)
{
  g_autoptr(ExampleProcess) daemon = NULL;
  g_autoptr(ExampleProcess) watch = NULL;
  g_autoptr(ExampleProcess) refused = NULL;
  g_autoptr(ExampleProcess) print = NULL;
  g_autofree char *long_document = make_document (fixture, "long.txt", 300);
  g_autofree char *short_document = make_document (fixture, "short.txt", 10);
  g_autofree char *empty_document = make_document (fixture, "empty.txt", 0);

  daemon = example_spawn (fixture->runtime, PRINTER_DAEMON, "--page-time", "30", "--ink", "5", NULL);
  example_wait_for (daemon, "ink at 5%");
  watch = example_spawn (fixture->runtime, PRINTER_CLIENT, "watch", NULL);
  example_wait_for (watch, "live");

  g_assert_cmpint (example_run (fixture->runtime, &print, PRINTER_CLIENT, "print", empty_document, NULL), ==, 1);
  g_assert_true (example_has_line (print->err, "the printer refused “empty.txt”: the document is empty"));
  g_clear_pointer (&print, example_process_free);

  g_assert_cmpint (example_run (fixture->runtime, &print, PRINTER_CLIENT, "print", long_document, NULL), ==, 0);
  g_assert_true (example_has_line (print->out, "job 1 accepted: “long.txt”"));
  example_wait_for (watch, "job 1 started: “long.txt”, 5 pages");
  example_wait_for (watch, "ink low: black 3%");
  example_wait_for (watch, "status: out-of-ink");

  g_assert_cmpint (example_run (fixture->runtime, &refused, PRINTER_CLIENT, "print", short_document, NULL), ==, 1);
  g_assert_true (example_has_line (refused->err,
                                   "ro-printer-client: the printer refused “short.txt”: "
                                   "out of ink (black empty): refill the printer first"));

  /* Three pages of five, then the black was empty. */
  assert_status (fixture, (const char * const[]) {
    "status: out-of-ink",
    "current job: 1 “long.txt”, 60%",
    "queue: 1 job",
    "black 0%",
    NULL,
  });

  g_assert_cmpint (example_run (fixture->runtime, NULL, PRINTER_CLIENT, "refill", NULL), ==, 0);
  example_wait_for (watch, "ink: cyan 100%, magenta 100%, yellow 100%, black 100%");
  example_wait_for (watch, "job 1 finished: “long.txt”");

  example_stop (watch);
  example_stop (daemon);
  g_assert_true (example_has_line (daemon->out, "out of ink: black empty"));
  g_assert_true (example_has_line (daemon->out, "refilled"));
}

static void
test_printer_cancel (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(ExampleProcess) daemon = NULL;
  g_autoptr(ExampleProcess) run = NULL;
  g_autofree char *document = make_document (fixture, "slow.txt", 100);

  /* Slow pages: nothing finishes while the test looks. */
  daemon = example_spawn (fixture->runtime, PRINTER_DAEMON, "--page-time", "60000", NULL);
  example_wait_for (daemon, "Sharing");
  g_assert_cmpint (example_run (fixture->runtime, NULL, PRINTER_CLIENT, "print", document, NULL), ==, 0);
  g_assert_cmpint (example_run (fixture->runtime, NULL, PRINTER_CLIENT, "print", document, NULL), ==, 0);
  example_wait_for (daemon, "job 1 started");

  assert_status (fixture, (const char * const[]) {
    "status: printing",
    "current job: 1 “slow.txt”, 0%",
    "queue: 2 jobs",
    NULL,
  });

  g_assert_cmpint (example_run (fixture->runtime, &run, PRINTER_CLIENT, "cancel", "2", NULL), ==, 0);
  g_assert_true (example_has_line (run->out, "job 2 cancelled"));
  g_clear_pointer (&run, example_process_free);

  g_assert_cmpint (example_run (fixture->runtime, &run, PRINTER_CLIENT, "cancel", "7", NULL), ==, 1);
  g_assert_true (example_has_line (run->err, "no job 7 in the queue"));
  g_clear_pointer (&run, example_process_free);

  g_assert_cmpint (example_run (fixture->runtime, NULL, PRINTER_CLIENT, "cancel", "1", NULL), ==, 0);
  assert_status (fixture, (const char * const[]) {
    "status: idle",
    "current job: none",
    "queue: 0 jobs",
    NULL,
  });

  g_assert_cmpint (example_run (fixture->runtime, NULL, PRINTER_CLIENT, "cancel", "abc", NULL), ==, 2);
  g_assert_cmpint (example_run (fixture->runtime, NULL, PRINTER_CLIENT, "frobnicate", NULL), ==, 2);
  example_stop (daemon);
  g_assert_true (example_has_line (daemon->out, "job 1 cancelled: “slow.txt”"));
}

static void
test_printer_no_daemon (Fixture       *fixture,
                        gconstpointer  data)
{
  g_autoptr(ExampleProcess) client = NULL;

  g_assert_cmpint (example_run (fixture->runtime, &client, PRINTER_CLIENT, "status", NULL), ==, 1);
  g_assert_true (example_has_line (client->err, "no printer at local:printer after 5 s: is ro-printer-daemon running?"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("The example daemons and clients of examples/gps and examples/printer, run as a user would");

  if (!g_file_test (GPS_DAEMON, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_file_test (PRINTER_DAEMON, G_FILE_TEST_IS_EXECUTABLE))
    {
      g_printerr ("The example programs are not built: run meson compile first\n");
      return 1;
    }

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)

  ADD ("/Examples/gps/simulated", test_gps_simulated);
  ADD ("/Examples/gps/nmea-replay", test_gps_nmea_replay);
  ADD ("/Examples/gps/serial", test_gps_serial);
  ADD ("/Examples/gps/restart", test_gps_restart);
  ADD ("/Examples/gps/no-daemon", test_gps_no_daemon);
  ADD ("/Examples/registry", test_registry);
  ADD ("/Examples/printer/print", test_printer_print);
  ADD ("/Examples/printer/out-of-ink", test_printer_out_of_ink);
  ADD ("/Examples/printer/cancel", test_printer_cancel);
  ADD ("/Examples/printer/no-daemon", test_printer_no_daemon);

#undef ADD

  return g_test_run ();
}
