/* test-soak.c: minutes of mixed traffic with clients killed and restarted
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One ro-test-daemon shares a TestThing; five ro-test-client processes hold
 * four replicas each (two nodes of two replicas), twenty in all, and make
 * calls with known answers and pushes to count. Meanwhile this test changes
 * count and temperature and emits numbered overheat signals through the
 * daemon's stdin, and every few seconds kills a client with SIGKILL and
 * starts a new one in its place. At the end every replica must hold the
 * source's values and have seen the last signal, every call of the
 * surviving clients must have had exactly one right answer, the host must
 * have let go of everything the killed clients had, and its memory must
 * be flat: its RSS, and what malloc() has handed out.
 *
 * In the slow suite, which `meson test` skips: run it with
 * `meson test -C build --suite slow`. RO_SOAK_SECONDS sets how long the
 * traffic lasts (default 180).
 */

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <ro-glib/ro-glib.h>

#include "test-util.h"

#define N_CLIENTS           5
#define COMMAND_INTERVAL_US (20 * 1000)
/* Growth of the host's RSS allowed from the end of the warm-up (a third
 * of the run) to the end of the traffic, with the same load at both points.
 * What the host holds does not grow (MAX_HEAP_GROWTH_KIB checks it), but
 * the allocator's free space does: every restart frees a connection's
 * 64 KiB read buffer and other blocks amid ones that stay, and glibc's
 * main arena keeps growing into fragments it cannot reuse nor return.
 * Measured here: +500 to +700 KiB of RSS over the default run, all of it
 * free space of the arena (its bytes in use moved by less than 10 KiB).
 * A leaked block (32 bytes at least) per message the host sends, over
 * a thousand a second, would pass 2 MiB within two minutes. */
#define MAX_GROWTH_KIB      2048
/* What malloc() has handed out, with the allocator's caches off (see
 * main()), between the same two points; it moves only with the calls
 * pending and the bytes queued at that moment. */
#define MAX_HEAP_GROWTH_KIB 128
/* What malloc() has handed out once every client is gone, against the
 * idle host before the first: only what is filled once and kept (+10 KiB
 * here). */
#define MAX_IDLE_HEAP_GROWTH_KIB 64

typedef struct
{
  GSubprocess *process;
  GOutputStream *in;
  GDataInputStream *out;
  guint32 seed;
} Client;

static guint64
field_get (const char *line,
           const char *key)
{
  g_autofree char *needle = g_strconcat (" ", key, "=", NULL);
  const char *at = strstr (line, needle);

  if (at == NULL)
    g_error ("No “%s” in “%s”", key, line);
  return g_ascii_strtoull (at + strlen (needle), NULL, 10);
}

static char *
field_dup (const char *line,
           const char *key)
{
  g_autofree char *needle = g_strconcat (" ", key, "=", NULL);
  const char *at = strstr (line, needle);

  if (at == NULL)
    g_error ("No “%s” in “%s”", key, line);
  at += strlen (needle);
  return g_strndup (at, strcspn (at, " "));
}

static void
client_start (Client     *c,
              const char *url,
              int         seconds)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "ro-test-client", NULL);
  g_autofree char *seconds_arg = g_strdup_printf ("%d", seconds);
  g_autofree char *seed_arg = NULL;
  g_autofree char *line = NULL;

  c->seed = g_test_rand_int ();
  seed_arg = g_strdup_printf ("%u", c->seed);
  c->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 path, url, "soak", seconds_arg, seed_arg, NULL);
  g_assert_no_error (error);
  c->in = g_object_ref (g_subprocess_get_stdin_pipe (c->process));
  c->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (c->process));
  line = test_read_line (c->out, 60);
  g_assert_cmpstr (line, ==, "READY");
}

static void
client_clear (Client *c)
{
  g_clear_object (&c->in);
  g_clear_object (&c->out);
  g_clear_object (&c->process);
}

static void
client_kill (Client *c)
{
  g_autoptr(GError) error = NULL;

  g_subprocess_send_signal (c->process, SIGKILL);
  g_subprocess_wait (c->process, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_signaled (c->process));
  client_clear (c);
}

/* Sends a command and returns the line it answers with. */
static char *
client_ask (Client     *c,
            const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);

  g_output_stream_write_all (c->in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  return test_read_line (c->out, 60);
}

static char *
random_command (guint64 *seq)
{
  int choice = g_test_rand_int_range (0, 100);

  if (choice < 35)
    return g_strdup_printf ("count %d", g_test_rand_int_range (-1000000, 1000000));
  if (choice < 60)
    return g_strdup_printf ("temp %d.%02d", g_test_rand_int_range (-40, 60), g_test_rand_int_range (0, 100));
  return g_strdup_printf ("overheat s%" G_GUINT64_FORMAT, (*seq)++);
}

static gboolean
under_checker (void)
{
#if defined(__SANITIZE_ADDRESS__)
  return TRUE;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return TRUE;
#endif
#endif
  return g_getenv ("RO_TEST_UNDER_VALGRIND") != NULL;
}

static void
test_soak (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autofree char *before = test_daemon_query (d, "stats");
  g_autofree char *warm = NULL;
  g_autofree char *traffic_end = NULL;
  g_autofree char *source = NULL;
  g_autofree char *count = NULL;
  g_autofree char *temperature = NULL;
  g_autofree char *after = NULL;
  g_autoptr(GString) rss_series = g_string_new (NULL);
  Client clients[N_CLIENTS] = { { NULL, }, };
  int seconds = 180;
  gint64 start, deadline, warm_at, next_restart, next_sample;
  guint64 seq = 0, commands = 0, restarts = 0;
  guint64 made = 0, answered = 0, correct = 0, cancelled = 0, pushes = 0, sync_calls = 0;
  gint64 growth, heap_growth, idle_heap_growth;

  if (g_getenv ("RO_SOAK_SECONDS") != NULL)
    seconds = MAX (atoi (g_getenv ("RO_SOAK_SECONDS")), 10);

  for (guint i = 0; i < N_CLIENTS; i++)
    {
      client_start (&clients[i], d->url, seconds + 60);
      g_test_message ("Client %u: seed %u", i, clients[i].seed);
    }

  start = g_get_monotonic_time ();
  deadline = start + (gint64) seconds * G_USEC_PER_SEC;
  /* The host's memory settles once every buffer and table has grown to
   * the size the traffic needs. */
  warm_at = start + (gint64) seconds * G_USEC_PER_SEC / 3;
  next_restart = start + g_test_rand_int_range (1000, 4000) * (gint64) 1000;
  next_sample = start;

  while (g_get_monotonic_time () < deadline)
    {
      g_autofree char *command = random_command (&seq);
      gint64 now;

      test_daemon_send (d, command);
      commands++;

      now = g_get_monotonic_time ();
      if (now >= next_restart)
        {
          guint victim = g_test_rand_int_range (0, N_CLIENTS);

          client_kill (&clients[victim]);
          client_start (&clients[victim], d->url, (deadline - now) / G_USEC_PER_SEC + 60);
          g_test_message ("%.0f s: client %u restarted with seed %u",
                          (now - start) / 1e6, victim, clients[victim].seed);
          restarts++;
          next_restart = now + g_test_rand_int_range (1000, 6000) * (gint64) 1000;
        }
      if (warm == NULL && now >= warm_at)
        warm = test_daemon_query (d, "stats");
      if (now >= next_sample)
        {
          g_autofree char *stats = test_daemon_query (d, "stats");

          g_string_append_printf (rss_series, " %.0fs:%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                                  (now - start) / 1e6, field_get (stats, "rss"), field_get (stats, "heap"));
          next_sample = now + (gint64) seconds * G_USEC_PER_SEC / 12;
        }
      g_usleep (COMMAND_INTERVAL_US);
    }
  traffic_end = test_daemon_query (d, "stats");
  g_string_append_printf (rss_series, " end:%" G_GUINT64_FORMAT "/%" G_GUINT64_FORMAT,
                          field_get (traffic_end, "rss"), field_get (traffic_end, "heap"));

  /* Quiet: no call left unanswered, every push applied at the source. */
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *line = client_ask (&clients[i], "stop");

      g_assert_true (g_str_has_prefix (line, "STOPPED "));
      if (field_get (line, "pending") != 0)
        g_error ("Client %u: calls left without an answer: %s", i, line);
    }

  /* One last signal, then every replica must match the source. */
  {
    g_autofree char *command = g_strdup_printf ("overheat s%" G_GUINT64_FORMAT, seq);

    test_daemon_send (d, command);
  }
  source = test_daemon_query (d, "stats");
  count = field_dup (source, "count");
  temperature = field_dup (source, "temperature");
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *command = g_strdup_printf ("check %s %s %" G_GUINT64_FORMAT, count, temperature, seq);
      g_autofree char *line = client_ask (&clients[i], command);

      g_test_message ("Client %u: %s", i, line);
      g_assert_true (g_str_has_prefix (line, "CHECK ok "));
    }

  /* Exactly one right answer to every call of the surviving clients. */
  for (guint i = 0; i < N_CLIENTS; i++)
    {
      g_autofree char *line = client_ask (&clients[i], "quit");
      g_autoptr(GError) error = NULL;

      g_test_message ("Client %u: %s", i, line);
      g_assert_true (g_str_has_prefix (line, "ACCOUNT "));
      g_assert_cmpuint (field_get (line, "answered"), ==, field_get (line, "made"));
      g_assert_cmpuint (field_get (line, "correct") + field_get (line, "cancelled"), ==, field_get (line, "made"));
      g_assert_cmpuint (field_get (line, "pending"), ==, 0);
      g_assert_cmpuint (field_get (line, "duplicates"), ==, 0);
      g_assert_cmpuint (field_get (line, "wrong"), ==, 0);
      /* The host never went away: no call may fail. */
      g_assert_cmpuint (field_get (line, "disconnected"), ==, 0);
      g_assert_cmpuint (field_get (line, "failed"), ==, 0);
      /* Signals arrive once each, in order, none lost. */
      g_assert_cmpuint (field_get (line, "out-of-order"), ==, 0);
      g_assert_cmpuint (field_get (line, "gaps"), ==, 0);
      made += field_get (line, "made");
      answered += field_get (line, "answered");
      correct += field_get (line, "correct");
      cancelled += field_get (line, "cancelled");
      pushes += field_get (line, "pushes");
      sync_calls += field_get (line, "sync");

      g_subprocess_wait_check (clients[i].process, NULL, &error);
      g_assert_no_error (error);
      client_clear (&clients[i]);
    }

  /* Nothing is left of any client, killed or not. */
  {
    gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

    do
      {
        g_clear_pointer (&after, g_free);
        g_usleep (20 * 1000);
        after = test_daemon_query (d, "stats");
      }
    while (field_get (after, "peers") != 0 && g_get_monotonic_time () < end);
  }

  g_test_message ("%d s of traffic: %" G_GUINT64_FORMAT " daemon commands (%" G_GUINT64_FORMAT
                  " signals), %" G_GUINT64_FORMAT " client restarts",
                  seconds, commands, seq + 1, restarts);
  g_test_message ("Surviving clients: %" G_GUINT64_FORMAT " calls made, %" G_GUINT64_FORMAT
                  " answered (%" G_GUINT64_FORMAT " right, %" G_GUINT64_FORMAT " cancelled as asked, %"
                  G_GUINT64_FORMAT " of them blocking), %" G_GUINT64_FORMAT " pushes",
                  made, answered, correct, cancelled, sync_calls, pushes);
  g_test_message ("Host before: %s", before);
  g_test_message ("Host after warm-up: %s", warm);
  g_test_message ("Host at the end of the traffic: %s", traffic_end);
  g_test_message ("Host with every client gone: %s", after);
  g_test_message ("Host RSS/heap in use (KiB) over time:%s", rss_series->str);

  g_assert_cmpuint (field_get (after, "peers"), ==, 0);
  g_assert_cmpuint (field_get (after, "invocations"), ==, 0);
  g_assert_cmpuint (field_get (after, "live-invocations"), ==, 0);
  g_assert_cmpuint (field_get (after, "fds"), ==, field_get (before, "fds"));

  /* Same load at both points: five clients and their traffic. */
  growth = (gint64) field_get (traffic_end, "rss") - (gint64) field_get (warm, "rss");
  heap_growth = (gint64) field_get (traffic_end, "heap") - (gint64) field_get (warm, "heap");
  idle_heap_growth = (gint64) field_get (after, "heap") - (gint64) field_get (before, "heap");
  g_test_message ("Host RSS: %" G_GUINT64_FORMAT " KiB after warm-up, %" G_GUINT64_FORMAT
                  " KiB at the end: %+" G_GINT64_FORMAT " KiB",
                  field_get (warm, "rss"), field_get (traffic_end, "rss"), growth);
  g_test_message ("Host heap in use: %" G_GUINT64_FORMAT " KiB after warm-up, %" G_GUINT64_FORMAT
                  " KiB at the end: %+" G_GINT64_FORMAT " KiB; idle, %" G_GUINT64_FORMAT
                  " KiB before the clients and %" G_GUINT64_FORMAT " KiB after: %+" G_GINT64_FORMAT " KiB",
                  field_get (warm, "heap"), field_get (traffic_end, "heap"), heap_growth,
                  field_get (before, "heap"), field_get (after, "heap"), idle_heap_growth);
  if (under_checker ())
    g_test_message ("Not checking memory under a memory checker, whose quarantine keeps freed memory");
  else
    {
      g_assert_cmpint (growth, <, MAX_GROWTH_KIB);
      g_assert_cmpint (heap_growth, <, MAX_HEAP_GROWTH_KIB);
      g_assert_cmpint (idle_heap_growth, <, MAX_IDLE_HEAP_GROWTH_KIB);
    }
}

int
main (int   argc,
      char *argv[])
{
  /* The daemon inherits these: no GSlice magazines nor glibc per-thread
   * caches, so what malloc() reports in use is what the host holds. */
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  g_setenv ("GLIBC_TUNABLES", "glibc.malloc.tcache_count=0", TRUE);

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Twenty replicas in five processes follow one source through "
                  "minutes of traffic and client restarts");
  test_util_init ();

  g_test_add_func ("/Ro/Soak/mixed-traffic", test_soak);

  return g_test_run ();
}
