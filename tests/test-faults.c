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
 *
 * The stopped-replica cases put the host in this process and stop one of
 * two ro-test-client "follow" processes with SIGSTOP while the source
 * changes a property a million times, or emits signals: the host's memory
 * stays bounded, the stopped peer's changes are coalesced and a signal
 * backlog drops it, and the other replica process gets everything.
 */

#include <signal.h>
#include <stdlib.h>
#include <string.h>
#ifdef __linux__
#include <sys/prctl.h>
#endif

#include <ro-glib/ro-glib.h>

#include "ro-node-private.h"
#include "test-types.h"
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
 * 0 to 100 KiB here, 256 once on a loaded machine. Small leaks are the
 * heap check's job. */
#define MAX_GROWTH_KIB 1024
/* What malloc() has handed out, with the allocator's caches off (see
 * main()), counts only what the host holds: with the host idle at both
 * points it does not move. One block leaked a cycle (32 bytes at least)
 * would add 28 KiB over 900 cycles. */
#define MAX_HEAP_GROWTH_KIB 16

/* The number after " KEY=" in a line a child printed. */
static gint64
field_get (const char *line,
           const char *key)
{
  g_autofree char *needle = g_strconcat (" ", key, "=", NULL);
  const char *at = strstr (line, needle);

  g_assert_nonnull (at);
  return g_ascii_strtoll (at + strlen (needle), NULL, 10);
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

      if ((field_get (line, "peers") == peers && field_get (line, "invocations") == 0) ||
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
  g_assert_cmpuint (field_get (serving, "peers"), ==, 1);
}

/* Nothing of the killed clients is left: no peer, no pending or live
 * invocation, no fd. */
static void
assert_released (const char *before,
                 const char *after)
{
  g_assert_cmpuint (field_get (after, "peers"), ==, 0);
  g_assert_cmpuint (field_get (after, "invocations"), ==, 0);
  g_assert_cmpuint (field_get (after, "live-invocations"), ==, 0);
  g_assert_cmpuint (field_get (after, "fds"), ==, field_get (before, "fds"));
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
  g_assert_cmpuint (field_get (before, "peers"), ==, 0);
  g_assert_cmpuint (field_get (before, "live-invocations"), ==, 0);

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
  g_assert_cmpuint (field_get (after, "cancelled"), ==, cycles);

  growth = (gint64) field_get (after, "rss") - (gint64) field_get (warm, "rss");
  g_test_message ("Host RSS: %" G_GUINT64_FORMAT " KiB at start, %" G_GUINT64_FORMAT
                  " KiB after %u cycles, %" G_GUINT64_FORMAT " KiB after %u: %+" G_GINT64_FORMAT
                  " KiB over %u cycles (%.1f s)",
                  field_get (before, "rss"), field_get (warm, "rss"), WARMUP, field_get (after, "rss"),
                  cycles, growth, cycles - WARMUP, (end - warm_time) / 1e6);
  heap_growth = (gint64) field_get (after, "heap") - (gint64) field_get (warm, "heap");
  g_test_message ("Host heap in use: %" G_GUINT64_FORMAT " KiB after %u cycles, %" G_GUINT64_FORMAT
                  " KiB after %u: %+" G_GINT64_FORMAT " KiB",
                  field_get (warm, "heap"), WARMUP, field_get (after, "heap"), cycles, heap_growth);
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
                  cycles, (end - start) / 1e6, field_get (after, "cancelled"));
  assert_released (before, after);
  if (!under_checker ())
    g_assert_cmpint ((gint64) field_get (after, "heap") - (gint64) field_get (warm, "heap"), <, MAX_HEAP_GROWTH_KIB);

  assert_still_serving (d);
}

/* Stopped replicas */

/* Small, so that the stopped peer reaches it within a few thousand
 * messages: coalescing starts past a quarter of it (16 KiB queued), and a
 * signal finding more than all of it queued drops the peer. */
#define STOP_LIMIT      (64 * 1024)
/* Changes made (RO_STOP_CHANGES sets another number, no fewer than
 * N_CHANGES_CHECKER, rounded down to a multiple of 10 * CHANGE_STEP);
 * memory is first measured after a tenth of them. Memory checkers slow the
 * host and the replica processes many times over, and their memory is not
 * checked there: fewer changes. */
#define N_CHANGES         1000000
#define N_CHANGES_CHECKER 100000
/* What the stopped replica may receive: what its socket held when it
 * stopped, then the latest value. That was 13,000 values, with Linux's
 * default socket buffers; a million uncoalesced changes would all arrive. */
#define MAX_STOPPED_VALUES 100000
/* Changes made between two answers of the live replica. At most one
 * step's message (about 18 KiB) is ever in flight to it: far less than
 * a Unix socket's buffer (over 200 KiB), so the host never has to queue
 * for it, it is never "behind", and it must get every value. */
#define CHANGE_STEP     1000
/* Signals emitted between two answers of the live replica: some 25 KiB. */
#define SIGNAL_STEP     100
/* Enough to drop the stopped peer many times over (it takes about
 * (socket buffer + STOP_LIMIT) / 260 bytes, some 1,100 signals). */
#define MAX_SIGNALS     100000

/* RSS growth allowed from the first measure to the end. Coalesced, the
 * stopped peer's queue stays under STOP_LIMIT and its dirty set holds one
 * name: growth is 0 to a few hundred KiB (allocator noise, pages touched
 * once; 0 measured). Queued without coalescing (the library with its
 * coalescing and its drop for changes taken out), the queue reached 17 MB
 * for the million changes, about 18 bytes each on the wire, and the RSS
 * grew by 21 MiB over the 900,000 changes in between: 4 MiB is generous
 * to noise and far below that. */
#define MAX_STOP_GROWTH_KIB (4 * 1024)

typedef struct
{
  GSubprocess *process;
  GOutputStream *in;
  GDataInputStream *out;
  GPid pid;
  gboolean stopped;
} ReplicaProcess;

static void
kill_with_parent (gpointer data)
{
#ifdef __linux__
  /* A failed assertion aborts this process without cleanup: a stopped
   * child would wait forever for its closed stdin. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
#endif
}

/* Starts ro-test-client URL follow and waits until its replica is VALID. */
static ReplicaProcess *
replica_process_start (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                                                       G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "ro-test-client", NULL);
  g_autofree char *line = NULL;
  ReplicaProcess *r = g_new0 (ReplicaProcess, 1);

  g_subprocess_launcher_set_child_setup (launcher, kill_with_parent, NULL, NULL);
  r->process = g_subprocess_launcher_spawn (launcher, &error, path, url, "follow", NULL);
  g_assert_no_error (error);
  r->pid = (GPid) atoi (g_subprocess_get_identifier (r->process));
  r->in = g_object_ref (g_subprocess_get_stdin_pipe (r->process));
  r->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (r->process));
  line = test_read_line (r->out, 30);
  g_assert_cmpstr (line, ==, "READY");
  return r;
}

static void
replica_process_free (ReplicaProcess *r)
{
  if (r->stopped)
    kill (r->pid, SIGCONT);
  g_subprocess_force_exit (r->process);
  g_subprocess_wait (r->process, NULL, NULL);
  g_object_unref (r->in);
  g_object_unref (r->out);
  g_object_unref (r->process);
  g_free (r);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ReplicaProcess, replica_process_free)

static char
process_state (GPid pid)
{
  g_autofree char *path = g_strdup_printf ("/proc/%d/stat", (int) pid);
  g_autofree char *stat = NULL;
  const char *end;

  if (!g_file_get_contents (path, &stat, NULL, NULL) || (end = strrchr (stat, ')')) == NULL)
    return '?';
  return end[1] == ' ' ? end[2] : '?';
}

/* SIGSTOP, and waits until the kernel shows it stopped: no line can come
 * from a stopped process, so this one wait polls. */
static void
replica_process_stop (ReplicaProcess *r)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_assert_cmpint (kill (r->pid, SIGSTOP), ==, 0);
  r->stopped = TRUE;
  while (process_state (r->pid) != 'T')
    {
      if (g_get_monotonic_time () > end)
        g_error ("Process %d did not stop", (int) r->pid);
      g_usleep (1000);
    }
}

static void
replica_process_continue (ReplicaProcess *r)
{
  g_assert_cmpint (kill (r->pid, SIGCONT), ==, 0);
  r->stopped = FALSE;
}

/* Sends a command of ro-test-client follow and returns its answer, which
 * must be "ok"; the default context runs meanwhile, and so does the host. */
static char *
replica_process_ask (ReplicaProcess *r,
                     const char     *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  char *answer;

  g_output_stream_write_all (r->in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  answer = test_read_line (r->out, 30);
  g_assert_nonnull (answer);
  if (strstr (answer, " ok ") == NULL)
    g_error ("“%s” was answered “%s”", command, answer);
  return answer;
}

static void
assert_answer_state (const char *answer,
                     const char *state)
{
  g_autofree char *needle = g_strconcat (" state=", state, NULL);

  if (!g_str_has_suffix (answer, needle))
    g_error ("Expected state %s in “%s”", state, answer);
}

static guint
count_serving_peers (RoHost *host)
{
  GPtrArray *peers = ro_node_get_peers (RO_NODE (host));
  guint n = 0;

  for (guint i = 0; i < peers->len; i++)
    n += ((RoPeer *) g_ptr_array_index (peers, i))->serving;
  return n;
}

/* The most bytes queued for one peer, and how many peers are behind. */
static gsize
most_queued (RoHost *host,
             guint  *n_behind)
{
  GPtrArray *peers = ro_node_get_peers (RO_NODE (host));
  gsize most = 0;

  *n_behind = 0;
  for (guint i = 0; i < peers->len; i++)
    {
      RoConnection *connection = ((RoPeer *) g_ptr_array_index (peers, i))->connection;

      most = MAX (most, ro_connection_get_queued_bytes (connection));
      *n_behind += ro_connection_is_behind (connection);
    }
  return most;
}

static RoHost *
stop_host_new (TestThing *thing)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = test_make_url ("unix");
  RoHost *host = ro_host_new (url, &error);

  g_assert_no_error (error);
  ro_host_set_max_queued_bytes (host, STOP_LIMIT);
  g_assert_true (ro_host_enable_remoting (host, G_OBJECT (thing), "Thing", &error));
  g_assert_no_error (error);
  return host;
}

/* A million changes while one replica process is stopped: the host
 * coalesces that peer's changes, so its memory does not grow with them;
 * the other replica process gets every value meanwhile, and the stopped
 * one, continued, gets the last value and few of the others. */
static void
test_stopped_replica_changes (void)
{
  g_autoptr(TestThing) thing = test_thing_new ("SN-1");
  g_autoptr(RoHost) host = stop_host_new (thing);
  g_autoptr(ReplicaProcess) live = replica_process_start (ro_host_get_url (host));
  g_autoptr(ReplicaProcess) stopped = replica_process_start (ro_host_get_url (host));
  g_autofree char *live_end = NULL;
  g_autofree char *stopped_end = NULL;
  long rss_start, rss_first = 0, rss_end, heap_start, heap_first = 0, heap_end;
  gsize most = 0;
  guint n_behind = 0;
  gint64 start, first_time = 0, end, caught_up;
  int n_changes = under_checker () ? N_CHANGES_CHECKER : N_CHANGES;
  int first_check;

  if (g_getenv ("RO_STOP_CHANGES") != NULL)
    n_changes = MAX (atoi (g_getenv ("RO_STOP_CHANGES")), N_CHANGES_CHECKER);
  n_changes -= n_changes % (10 * CHANGE_STEP);
  first_check = n_changes / 10;

  g_assert_cmpuint (count_serving_peers (host), ==, 2);
  replica_process_stop (stopped);

  rss_start = test_read_rss_kib ();
  heap_start = test_read_heap_kib ();
  start = g_get_monotonic_time ();
  for (int value = 1; value <= n_changes; )
    {
      g_autofree char *command = NULL;
      g_autofree char *answer = NULL;

      for (int i = 0; i < CHANGE_STEP; i++)
        test_thing_set_count (thing, value++);
      /* The host sends the step while this waits. */
      command = g_strdup_printf ("count %d", value - 1);
      answer = replica_process_ask (live, command);
      most = MAX (most, most_queued (host, &n_behind));
      if (value - 1 == first_check)
        {
          rss_first = test_read_rss_kib ();
          heap_first = test_read_heap_kib ();
          first_time = g_get_monotonic_time ();
        }
    }
  end = g_get_monotonic_time ();
  rss_end = test_read_rss_kib ();
  heap_end = test_read_heap_kib ();
  g_test_message ("%d changes in %.1f s with one replica process stopped; most queued for one peer: "
                  "%" G_GSIZE_FORMAT " bytes (limit %u)",
                  n_changes, (end - start) / 1e6, most, STOP_LIMIT);
  g_test_message ("Host RSS: %ld KiB before, %ld KiB after %d changes, %ld KiB after %d: %+ld KiB over the "
                  "last %d (%.1f s)",
                  rss_start, rss_first, first_check, rss_end, n_changes, rss_end - rss_first,
                  n_changes - first_check, (end - first_time) / 1e6);
  g_test_message ("Host heap in use: %ld KiB before, %ld KiB after %d changes, %ld KiB after %d: %+ld KiB",
                  heap_start, heap_first, first_check, heap_end, n_changes, heap_end - heap_first);
  if (under_checker ())
    g_test_message ("Not checking memory under a memory checker, whose quarantine keeps freed memory");
  else
    g_assert_cmpint (rss_end - rss_first, <, MAX_STOP_GROWTH_KIB);

  /* Changes never drop a peer. The stopped one is behind, the other is
   * not; the stopped one's queue stayed small. */
  g_assert_cmpuint (count_serving_peers (host), ==, 2);
  g_assert_cmpuint (n_behind, ==, 1);
  g_assert_cmpuint (most, <, STOP_LIMIT);

  /* The live replica was never coalesced: every value, in order. */
  live_end = replica_process_ask (live, "report");
  g_test_message ("Live replica: %s", live_end);
  g_assert_cmpint (field_get (live_end, "value"), ==, n_changes);
  /* One more: the snapshot's. */
  g_assert_cmpint (field_get (live_end, "values"), ==, n_changes + 1);
  g_assert_cmpint (field_get (live_end, "lower"), ==, 0);
  g_assert_cmpint (field_get (live_end, "suspects"), ==, 0);

  /* Continued, the stopped one reads what its socket held, then the
   * latest value; it was never dropped. */
  replica_process_continue (stopped);
  caught_up = g_get_monotonic_time ();
  {
    g_autofree char *command = g_strdup_printf ("count %d", n_changes);

    g_free (replica_process_ask (stopped, command));
  }
  caught_up = g_get_monotonic_time () - caught_up;
  stopped_end = replica_process_ask (stopped, "report");
  g_test_message ("Stopped replica, continued: %s (caught up in %.2f s)", stopped_end, caught_up / 1e6);
  g_assert_cmpint (field_get (stopped_end, "value"), ==, n_changes);
  g_assert_cmpint (field_get (stopped_end, "values"), <, MIN (MAX_STOPPED_VALUES, n_changes / 2));
  g_assert_cmpint (field_get (stopped_end, "lower"), ==, 0);
  g_assert_cmpint (field_get (stopped_end, "suspects"), ==, 0);
  assert_answer_state (stopped_end, "valid");

  /* Both follow a change as before. */
  test_thing_set_count (thing, -5);
  g_free (replica_process_ask (live, "count -5"));
  g_free (replica_process_ask (stopped, "count -5"));
  g_assert_cmpuint (count_serving_peers (host), ==, 2);
}

/* Signals while one replica process is stopped: its backlog passes the
 * limit and the host drops it, saying why; the other replica process gets
 * every signal. Continued, the dropped one goes SUSPECT, reconnects and
 * gets the signals emitted after. */
/* A signal the follow clients number: its reason starts "sN". */
static void
emit_numbered (TestThing  *thing,
               gint64      seq,
               const char *padding)
{
  g_autofree char *reason = g_strdup_printf ("s%" G_GINT64_FORMAT "%s%s", seq, *padding ? " " : "", padding);

  test_thing_emit_overheat (thing, reason, 99);
}

static void
test_stopped_replica_signals (void)
{
  g_autoptr(TestThing) thing = test_thing_new ("SN-1");
  g_autoptr(RoHost) host = stop_host_new (thing);
  g_autoptr(ReplicaProcess) live = replica_process_start (ro_host_get_url (host));
  g_autoptr(ReplicaProcess) stopped = replica_process_start (ro_host_get_url (host));
  g_autofree char *padding = g_strnfill (200, 'x');
  g_autofree char *pattern = g_strdup_printf ("Dropping a peer of “Thing”: * does not read: over %u bytes wait for it",
                                              STOP_LIMIT);
  g_autofree char *answer = NULL;
  g_autofree char *dropped = NULL;
  g_autofree char *command = NULL;
  guint most_queued_bytes = 0;
  gint64 seq = 0;
  gint64 start, end;

  g_assert_cmpuint (count_serving_peers (host), ==, 2);
  replica_process_stop (stopped);

  g_test_expect_message ("Ro", G_LOG_LEVEL_MESSAGE, pattern);
  start = g_get_monotonic_time ();
  while (count_serving_peers (host) == 2 && seq < MAX_SIGNALS)
    {
      guint n_behind;

      for (int i = 0; i < SIGNAL_STEP; i++, seq++)
        emit_numbered (thing, seq, padding);
      most_queued_bytes = MAX (most_queued_bytes, most_queued (host, &n_behind));
      g_clear_pointer (&command, g_free);
      g_clear_pointer (&answer, g_free);
      command = g_strdup_printf ("seq %" G_GINT64_FORMAT, seq - 1);
      answer = replica_process_ask (live, command);
      g_assert_cmpint (field_get (answer, "signals"), ==, seq);
      g_assert_cmpint (field_get (answer, "gaps"), ==, 0);
      g_assert_cmpint (field_get (answer, "out-of-order"), ==, 0);
    }
  end = g_get_monotonic_time ();
  g_test_message ("%" G_GINT64_FORMAT " signals in %.2f s; the most queued for one peer: %u bytes (limit %u)",
                  seq, (end - start) / 1e6, most_queued_bytes, STOP_LIMIT);
  g_test_assert_expected_messages ();
  g_assert_cmpuint (count_serving_peers (host), ==, 1);
  /* The limit is checked before a signal is queued: one frame (some 260
   * bytes) may go past it, no more. */
  g_assert_cmpuint (most_queued_bytes, <=, STOP_LIMIT + 1024);
  g_assert_cmpint (seq, >, SIGNAL_STEP);

  /* The live replica goes on. */
  emit_numbered (thing, seq++, "");
  g_clear_pointer (&command, g_free);
  g_clear_pointer (&answer, g_free);
  command = g_strdup_printf ("seq %" G_GINT64_FORMAT, seq - 1);
  answer = replica_process_ask (live, command);
  g_assert_cmpint (field_get (answer, "signals"), ==, seq);
  g_assert_cmpint (field_get (answer, "suspects"), ==, 0);

  /* Continued, the dropped replica reads what its socket held (the first
   * signals, in order, no gap), finds the connection closed, goes SUSPECT
   * and reconnects by itself. */
  replica_process_continue (stopped);
  dropped = replica_process_ask (stopped, "valid-again");
  g_test_message ("Dropped replica, continued: %s", dropped);
  g_assert_cmpint (field_get (dropped, "suspects"), ==, 1);
  g_assert_cmpint (field_get (dropped, "signals"), >, 0);
  g_assert_cmpint (field_get (dropped, "signals"), <, seq - 1);
  g_assert_cmpint (field_get (dropped, "last-seq"), ==, field_get (dropped, "signals") - 1);
  g_assert_cmpint (field_get (dropped, "gaps"), ==, 0);
  g_assert_cmpint (field_get (dropped, "out-of-order"), ==, 0);
  assert_answer_state (dropped, "valid");
  /* Its snapshot came from a new connection. */
  g_assert_cmpuint (count_serving_peers (host), ==, 2);

  /* Both get what is emitted now; the dropped one after a single gap. */
  emit_numbered (thing, seq++, "");
  g_clear_pointer (&command, g_free);
  g_clear_pointer (&answer, g_free);
  command = g_strdup_printf ("seq %" G_GINT64_FORMAT, seq - 1);
  answer = replica_process_ask (live, command);
  g_assert_cmpint (field_get (answer, "signals"), ==, seq);
  g_assert_cmpint (field_get (answer, "gaps"), ==, 0);
  g_clear_pointer (&answer, g_free);
  answer = replica_process_ask (stopped, command);
  g_test_message ("Dropped replica, reconnected: %s", answer);
  g_assert_cmpint (field_get (answer, "signals"), ==, field_get (dropped, "signals") + 1);
  g_assert_cmpint (field_get (answer, "gaps"), ==, 1);
  g_assert_cmpint (field_get (answer, "out-of-order"), ==, 0);
  g_assert_cmpint (field_get (answer, "suspects"), ==, 1);
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
  g_test_add_func ("/Ro/Faults/stopped-replica-changes", test_stopped_replica_changes);
  g_test_add_func ("/Ro/Faults/stopped-replica-signals", test_stopped_replica_signals);

  return g_test_run ();
}
