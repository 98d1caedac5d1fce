/* test-faults.c: a host outlives clients killed in the middle of a call
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ro-test-daemon shares a TestThing; ro-test-client processes connect,
 * call wait-cancel (which the source never answers) and are killed with
 * SIGKILL, a thousand times. The host must let go of everything it held for
 * them: the daemon's "stats" command reports its peers, their pending
 * invocations, the RoInvocation objects still alive, its open fds, its RSS
 * and what malloc() has handed out.
 */

#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include <ro-glib/ro-glib.h>

#include "test-util.h"

/* Clients run this many at once: each costs a process start, which is
 * most of a cycle's time. */
#define CONCURRENT 10
#define WARMUP     100
/* kill-anywhere kills its clients within this time from their start. */
#define MAX_KILL_DELAY_US (15 * 1000)

/* Growth of the host's RSS allowed from cycle WARMUP to the end. When the
 * test source kept each killed client's invocation, the invocation kept
 * the client's RoPeer and RoConnection through its reply closure: about
 * 8 KiB a cycle, 7 MiB over 900 cycles. With nothing kept, only the pages
 * that the allocator, the stack and the libraries touch once are added:
 * 0 to 100 KiB here. */
#define MAX_GROWTH_KIB 256
/* What malloc() has handed out, with the allocator's caches off (see
 * main()), counts only what the host holds: with the host idle at both
 * points it does not move. One block leaked a cycle (32 bytes at least)
 * would add 28 KiB over 900 cycles. */
#define MAX_HEAP_GROWTH_KIB 16

static guint64
stat_get (const char *line,
          const char *key)
{
  g_autofree char *needle = g_strconcat (" ", key, "=", NULL);
  const char *at = strstr (line, needle);

  g_assert_nonnull (at);
  return g_ascii_strtoull (at + strlen (needle), NULL, 10);
}

/* Stats once the host has seen every killed client go: no peer left
 * beyond @peers and no invocation pending. */
static char *
settled_stats (TestDaemon *d,
               guint       peers)
{
  gint64 end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC;

  for (;;)
    {
      g_autofree char *line = test_daemon_query (d, "stats");

      if ((stat_get (line, "peers") == peers && stat_get (line, "invocations") == 0) ||
          g_get_monotonic_time () > end)
        return g_steal_pointer (&line);
      g_usleep (20 * 1000);
    }
}

static GSubprocess *
spawn_client (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "ro-test-client", NULL);
  GSubprocess *process;

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                              path, url, "call-and-wait", NULL);
  g_assert_no_error (error);
  return process;
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

/* Starts CONCURRENT clients and kills them with SIGKILL: once each has
 * its call pending at the host (@mid_call), or at random times within
 * MAX_KILL_DELAY_US of their start, wherever they are (starting,
 * connecting, in the handshake, acquiring, calling). */
static void
kill_batch (TestDaemon *d,
            gboolean    mid_call)
{
  GSubprocess *clients[CONCURRENT];
  gint64 start = g_get_monotonic_time ();

  for (guint i = 0; i < CONCURRENT; i++)
    clients[i] = spawn_client (d->url);
  for (guint i = 0; i < CONCURRENT; i++)
    {
      if (mid_call)
        {
          GDataInputStream *out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (clients[i]));
          g_autofree char *line = test_read_line (out, 60);

          g_assert_cmpstr (line, ==, "CALLING");
          g_object_unref (out);
        }
      else
        {
          /* One kill in each tenth of about the time the clients take
           * to print CALLING. */
          gint64 slot = MAX_KILL_DELAY_US / CONCURRENT;
          gint64 at = start + i * slot + g_test_rand_int_range (0, slot);
          gint64 now = g_get_monotonic_time ();

          if (at > now)
            g_usleep (at - now);
        }
      g_subprocess_send_signal (clients[i], SIGKILL);
    }
  for (guint i = 0; i < CONCURRENT; i++)
    {
      g_autoptr(GError) error = NULL;

      g_subprocess_wait (clients[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_get_if_signaled (clients[i]));
      g_assert_cmpint (g_subprocess_get_term_sig (clients[i]), ==, SIGKILL);
      g_object_unref (clients[i]);
    }
}

/* The host is still of use: a new replica, a call, a change. */
static void
assert_still_serving (TestDaemon *d)
{
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *serving = NULL;
  int sum = 0;

  g_assert_true (ro_node_connect_to_node (node, d->url, &error));
  g_assert_no_error (error);
  replica = test_acquire (node, "Thing");
  g_assert_true (ro_replica_is_valid (replica));
  result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 40, 2), 10000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (result, "(i)", &sum);
  g_assert_cmpint (sum, ==, 42);
  test_daemon_send (d, "count 17");
  WAIT_UNTIL (test_get_int (replica, "count") == 17);

  serving = settled_stats (d, 1);
  g_assert_cmpuint (stat_get (serving, "peers"), ==, 1);
}

/* Nothing of the killed clients is left: no peer, no pending or live
 * invocation, no fd. */
static void
assert_released (const char *before,
                 const char *after)
{
  g_assert_cmpuint (stat_get (after, "peers"), ==, 0);
  g_assert_cmpuint (stat_get (after, "invocations"), ==, 0);
  g_assert_cmpuint (stat_get (after, "live-invocations"), ==, 0);
  g_assert_cmpuint (stat_get (after, "fds"), ==, stat_get (before, "fds"));
}

static guint
get_cycles (guint default_cycles)
{
  guint cycles = default_cycles;

  if (g_getenv ("RO_FAULT_CYCLES") != NULL)
    cycles = MAX (atoi (g_getenv ("RO_FAULT_CYCLES")), 2 * WARMUP);
  return cycles - cycles % CONCURRENT;
}

/* kill -9 in the middle of a call, a thousand times: the host releases
 * each client's connection and invocation, and its memory stays flat. */
static void
test_kill_mid_call (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autofree char *before = NULL;
  g_autofree char *warm = NULL;
  g_autofree char *after = NULL;
  guint cycles = get_cycles (1000);
  gint64 start, warm_time = 0, end;
  gint64 growth, heap_growth;

  before = test_daemon_query (d, "stats");
  g_test_message ("Before: %s", before);
  g_assert_cmpuint (stat_get (before, "peers"), ==, 0);
  g_assert_cmpuint (stat_get (before, "live-invocations"), ==, 0);

  start = g_get_monotonic_time ();
  for (guint done = 0; done < cycles; done += CONCURRENT)
    {
      kill_batch (d, TRUE);
      if (done + CONCURRENT == WARMUP)
        {
          warm = settled_stats (d, 0);
          warm_time = g_get_monotonic_time ();
          g_test_message ("After %u cycles: %s", WARMUP, warm);
        }
    }
  end = g_get_monotonic_time ();

  after = settled_stats (d, 0);
  g_test_message ("After %u cycles: %s", cycles, after);
  g_test_message ("%u cycles in %.1f s: %.1f cycles/s, %u clients at once",
                  cycles, (end - start) / 1e6, cycles / ((end - start) / 1e6), CONCURRENT);

  /* Every killed caller's invocation was cancelled, then let go. */
  assert_released (before, after);
  g_assert_cmpuint (stat_get (after, "cancelled"), ==, cycles);

  growth = (gint64) stat_get (after, "rss") - (gint64) stat_get (warm, "rss");
  g_test_message ("Host RSS: %" G_GUINT64_FORMAT " KiB at start, %" G_GUINT64_FORMAT
                  " KiB after %u cycles, %" G_GUINT64_FORMAT " KiB after %u: %+" G_GINT64_FORMAT
                  " KiB over %u cycles (%.1f s)",
                  stat_get (before, "rss"), stat_get (warm, "rss"), WARMUP, stat_get (after, "rss"),
                  cycles, growth, cycles - WARMUP, (end - warm_time) / 1e6);
  heap_growth = (gint64) stat_get (after, "heap") - (gint64) stat_get (warm, "heap");
  g_test_message ("Host heap in use: %" G_GUINT64_FORMAT " KiB after %u cycles, %" G_GUINT64_FORMAT
                  " KiB after %u: %+" G_GINT64_FORMAT " KiB",
                  stat_get (warm, "heap"), WARMUP, stat_get (after, "heap"), cycles, heap_growth);
  if (under_checker ())
    g_test_message ("Not checking memory under a memory checker, whose quarantine keeps freed memory");
  else
    {
      g_assert_cmpint (growth, <, MAX_GROWTH_KIB);
      g_assert_cmpint (heap_growth, <, MAX_HEAP_GROWTH_KIB);
    }

  assert_still_serving (d);
}

/* kill -9 at any moment of a client's life, before or during the
 * handshake, the acquisition or the call. */
static void
test_kill_anywhere (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autofree char *before = NULL;
  g_autofree char *warm = NULL;
  g_autofree char *after = NULL;
  guint cycles = get_cycles (500);
  gint64 start, end;

  before = test_daemon_query (d, "stats");
  start = g_get_monotonic_time ();
  for (guint done = 0; done < cycles; done += CONCURRENT)
    {
      kill_batch (d, FALSE);
      if (done + CONCURRENT == WARMUP)
        warm = settled_stats (d, 0);
    }
  end = g_get_monotonic_time ();

  after = settled_stats (d, 0);
  g_test_message ("Before: %s", before);
  g_test_message ("After %u cycles: %s", WARMUP, warm);
  g_test_message ("After %u cycles: %s", cycles, after);
  g_test_message ("%u cycles in %.1f s; %" G_GUINT64_FORMAT " clients had their call pending when killed",
                  cycles, (end - start) / 1e6, stat_get (after, "cancelled"));
  assert_released (before, after);
  if (!under_checker ())
    g_assert_cmpint ((gint64) stat_get (after, "heap") - (gint64) stat_get (warm, "heap"), <, MAX_HEAP_GROWTH_KIB);

  assert_still_serving (d);
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
  g_test_summary ("A host releases what it held for clients killed during a call");
  test_util_init ();

  g_test_add_func ("/Ro/Faults/kill-mid-call", test_kill_mid_call);
  g_test_add_func ("/Ro/Faults/kill-anywhere", test_kill_anywhere);

  return g_test_run ();
}
