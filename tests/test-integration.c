/* test-integration.c: sources and replicas in different processes
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test spawns ro-test-daemon (a TestThing shared as "Thing") and drives
 * it through its stdin; replicas live in this process. The daemon is killed
 * with SIGKILL, stopped with SIGSTOP and restarted on the same address.
 */

#include <signal.h>

#include <glib/gstdio.h>

#include <ro-glib/ro-glib.h>

#include "test-types.h"
#include "test-util.h"

typedef struct
{
  guint n;
  char *reason;
  double temperature;
} Overheats;

static void
overheat_cb (GObject    *replica,
             const char *reason,
             double      temperature,
             Overheats  *seen)
{
  seen->n++;
  g_free (seen->reason);
  seen->reason = g_strdup (reason);
  seen->temperature = temperature;
}

/* Values, signals, calls and pushes, across processes, over one transport. */
static void
test_transport (gconstpointer data)
{
  g_autofree char *url = test_make_url (data);
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autofree char *serial = NULL;
  Overheats seen = { 0, NULL, 0 };

  if (g_str_equal (data, "tcp"))
    {
      g_assert_true (g_str_has_prefix (d->url, "tcp://127.0.0.1:"));
      g_assert_cmpstr (d->url, !=, "tcp://127.0.0.1:0");
    }

  g_assert_true (ro_node_connect_to_node (node, d->url, &error));
  g_assert_no_error (error);
  replica = test_acquire (node, "Thing");
  g_assert_true (ro_replica_is_valid (replica));
  g_object_get (replica, "serial", &serial, NULL);
  g_assert_cmpstr (serial, ==, "SN-1");

  test_daemon_send (d, "count 5");
  WAIT_UNTIL (test_get_int (replica, "count") == 5);

  g_signal_connect (replica, "overheat", G_CALLBACK (overheat_cb), &seen);
  test_daemon_send (d, "overheat boiling");
  WAIT_UNTIL (seen.n == 1);
  g_assert_cmpstr (seen.reason, ==, "boiling");
  g_assert_cmpfloat (seen.temperature, ==, 99);

  result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 20, 22), 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (result), ==, "(i)");
  {
    int sum = 0;

    g_variant_get (result, "(i)", &sum);
    g_assert_cmpint (sum, ==, 42);
  }

  /* A push changes nothing locally until the source's change comes back. */
  g_object_set (replica, "count", 11, NULL);
  g_assert_cmpint (test_get_int (replica, "count"), ==, 5);
  WAIT_UNTIL (test_get_int (replica, "count") == 11);

  g_free (seen.reason);
}

static void
state_changed_cb (RoReplica      *replica,
                  RoReplicaState  state,
                  RoReplicaState  old,
                  GArray         *states)
{
  g_array_append_val (states, state);
}

/* kill -9: SUSPECT with the last values; a restart brings VALID back with a
 * fresh snapshot, with no action of ours. */
static void
test_kill_and_restart (gconstpointer data)
{
  g_autofree char *url = test_make_url (data);
  TestDaemon *d = test_daemon_start (url, NULL);
  g_autofree char *bound = g_strdup (d->url);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GArray) states = g_array_new (FALSE, FALSE, sizeof (RoReplicaState));

  g_assert_true (ro_node_connect_to_node (node, bound, NULL));
  replica = test_acquire (node, "Thing");
  g_signal_connect (replica, "state-changed", G_CALLBACK (state_changed_cb), states);
  test_daemon_send (d, "count 3");
  WAIT_UNTIL (test_get_int (replica, "count") == 3);

  test_daemon_signal (d, SIGKILL);
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SUSPECT);
  WAIT_UNTIL (states->len == 1);
  g_assert_cmpint (g_array_index (states, RoReplicaState, 0), ==, RO_REPLICA_STATE_SUSPECT);
  g_assert_cmpint (test_get_int (replica, "count"), ==, 3);
  test_daemon_free (d);

  /* The new daemon starts from count 0: the fresh snapshot says so. */
  d = test_daemon_start (bound, NULL);
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_VALID);
  g_assert_cmpint (test_get_int (replica, "count"), ==, 0);
  WAIT_UNTIL (states->len == 2);
  g_assert_cmpint (g_array_index (states, RoReplicaState, 1), ==, RO_REPLICA_STATE_VALID);

  test_daemon_send (d, "count 8");
  WAIT_UNTIL (test_get_int (replica, "count") == 8);
  test_daemon_free (d);
}

/* A replica acquired before its host exists becomes VALID when it appears. */
static void
test_acquire_before_host (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(TestDaemon) d = NULL;

  g_assert_true (ro_node_connect_to_node (node, url, NULL));
  replica = ro_node_acquire_dynamic (node, "Thing");
  g_assert_cmpint (ro_replica_get_state (replica), ==, RO_REPLICA_STATE_DEFAULT);
  g_assert_null (ro_replica_get_value (replica, "count"));
  g_assert_null (ro_replica_get_interface_info (replica));

  /* Let a few connection attempts fail first. */
  for (int i = 0; i < 20; i++)
    g_main_context_iteration (NULL, FALSE);
  g_usleep (200 * 1000);

  d = test_daemon_start (url, NULL);
  WAIT_UNTIL (ro_replica_is_valid (replica));
  g_assert_nonnull (ro_replica_get_interface_info (replica));
}

/* A stopped host answers no heartbeat: within about two intervals its
 * replicas go SUSPECT, and come back once it runs again. */
static void
test_heartbeat (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  gint64 stopped;
  gint64 detected;

  ro_node_set_heartbeat_interval (node, 200);
  g_assert_cmpuint (ro_node_get_heartbeat_interval (node), ==, 200);
  g_assert_true (ro_node_connect_to_node (node, d->url, NULL));
  replica = test_acquire (node, "Thing");

  test_daemon_signal (d, SIGSTOP);
  stopped = g_get_monotonic_time ();
  g_test_expect_message ("Ro", G_LOG_LEVEL_MESSAGE, "*did not answer*");
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SUSPECT);
  detected = g_get_monotonic_time ();
  g_test_assert_expected_messages ();
  g_test_message ("Stopped host detected after %" G_GINT64_FORMAT " ms", (detected - stopped) / 1000);
  /* Two intervals, plus the half-interval tick and some scheduling slack. */
  g_assert_cmpint (detected - stopped, >=, 350 * 1000);
  g_assert_cmpint (detected - stopped, <, 2000 * 1000);

  test_daemon_signal (d, SIGCONT);
  WAIT_UNTIL (ro_replica_is_valid (replica));
}

static void
call_done_cb (GObject      *replica,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;
  g_autoptr(GVariant) value = ro_replica_call_finish (RO_REPLICA (replica), result, error);

  if (value == NULL && *error == NULL)
    g_error ("call_finish gave neither a value nor an error");
}

/* Calls pending when the host dies fail promptly with DISCONNECTED. */
static void
test_pending_calls_disconnected (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  GError *errors[5] = { NULL, };

  g_assert_true (ro_node_connect_to_node (node, d->url, NULL));
  replica = test_acquire (node, "Thing");
  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    ro_replica_call_async (replica, "wait-cancel", NULL, NULL, call_done_cb, &errors[i]);

  /* They reached the source, which does not answer. */
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  test_daemon_signal (d, SIGKILL);

  for (guint i = 0; i < G_N_ELEMENTS (errors); i++)
    {
      WAIT_UNTIL (errors[i] != NULL);
      g_assert_error (errors[i], RO_ERROR, RO_ERROR_DISCONNECTED);
      g_clear_error (&errors[i]);
    }

  /* A call made while the host is gone fails at once, never hangs. */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GVariant) result = NULL;

    WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SUSPECT);
    result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 1, 2), -1, NULL, &error);
    g_assert_null (result);
    g_assert_error (error, RO_ERROR, RO_ERROR_DISCONNECTED);
  }
}

static void
saw_cancel_cb (GObject *replica,
               guint    n,
               guint   *seen)
{
  *seen = n;
}

/* Cancelling a call reaches the source's RoInvocation. */
static void
test_cancel_reaches_source (void)
{
  g_autofree char *url = test_make_url ("tcp");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) timeout_error = NULL;
  g_autoptr(GVariant) result = NULL;
  guint seen = 0;

  g_assert_true (ro_node_connect_to_node (node, d->url, NULL));
  replica = test_acquire (node, "Thing");
  g_signal_connect (replica, "saw-cancel", G_CALLBACK (saw_cancel_cb), &seen);

  ro_replica_call_async (replica, "wait-cancel", NULL, cancellable, call_done_cb, &error);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  WAIT_UNTIL (error != NULL);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  WAIT_UNTIL (seen == 1);

  /* A timed-out call is cancelled at the source too. */
  result = ro_replica_call_sync (replica, "wait-cancel", NULL, 200, NULL, &timeout_error);
  g_assert_null (result);
  g_assert_error (timeout_error, RO_ERROR, RO_ERROR_TIMED_OUT);
  WAIT_UNTIL (seen == 2);
}

/* A caller that goes away cancels what the source is doing for it. */
static void
test_caller_gone_cancels (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autoptr(RoNode) watcher = ro_node_new ();
  g_autoptr(RoReplica) watching = NULL;
  RoNode *caller = ro_node_new ();
  RoReplica *calling;
  GError *error = NULL;
  guint seen = 0;

  g_assert_true (ro_node_connect_to_node (watcher, d->url, NULL));
  g_assert_true (ro_node_connect_to_node (caller, d->url, NULL));
  watching = test_acquire (watcher, "Thing");
  calling = test_acquire (caller, "Thing");
  g_signal_connect (watching, "saw-cancel", G_CALLBACK (saw_cancel_cb), &seen);

  ro_replica_call_async (calling, "wait-cancel", NULL, NULL, call_done_cb, &error);
  for (int i = 0; i < 10; i++)
    g_main_context_iteration (NULL, FALSE);

  /* Dropping the caller's node closes its connection. */
  g_object_run_dispose (G_OBJECT (caller));
  WAIT_UNTIL (error != NULL);
  g_assert_error (error, RO_ERROR, RO_ERROR_DISCONNECTED);
  g_clear_error (&error);
  WAIT_UNTIL (seen == 1);

  g_object_unref (calling);
  g_object_unref (caller);
}

/* disable_remoting: SUSPECT; enable again: VALID. */
static void
test_disable_enable (void)
{
  g_autofree char *url = test_make_url ("local");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;

  g_assert_true (ro_node_connect_to_node (node, d->url, NULL));
  replica = test_acquire (node, "Thing");
  test_daemon_send (d, "count 4");
  WAIT_UNTIL (test_get_int (replica, "count") == 4);

  test_daemon_send (d, "disable");
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SUSPECT);
  g_assert_cmpint (test_get_int (replica, "count"), ==, 4);

  test_daemon_send (d, "count 6");
  test_daemon_send (d, "enable");
  WAIT_UNTIL (ro_replica_is_valid (replica));
  g_assert_cmpint (test_get_int (replica, "count"), ==, 6);
}

/* The count a replica holds, or -1 before it holds one. */
static int
count_of (RoReplica *replica)
{
  g_autoptr(GVariant) count = ro_replica_get_value (replica, "count");

  return count != NULL ? g_variant_get_int32 (count) : -1;
}

/* Several client nodes at once, each with its own connection, and several
 * replicas of one source in one node, sharing one connection. */
static void
test_several_clients (void)
{
  g_autofree char *url = test_make_url ("tcp");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  RoNode *nodes[4];
  RoReplica *replicas[8];

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      nodes[i] = ro_node_new ();
      g_assert_true (ro_node_connect_to_node (nodes[i], d->url, NULL));
      /* Twice: a second connect to one URL adds no connection. */
      g_assert_true (ro_node_connect_to_node (nodes[i], d->url, NULL));
      replicas[2 * i] = test_acquire (nodes[i], "Thing");
      replicas[2 * i + 1] = ro_node_acquire_dynamic (nodes[i], "Thing");
    }

  test_daemon_send (d, "count 9");
  for (guint i = 0; i < G_N_ELEMENTS (replicas); i++)
    WAIT_UNTIL (ro_replica_is_valid (replicas[i]) && count_of (replicas[i]) == 9);

  for (guint i = 0; i < G_N_ELEMENTS (replicas); i++)
    g_object_unref (replicas[i]);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    g_assert_finalize_object (nodes[i]);
}

static void
value_changed_cb (RoReplica  *replica,
                  const char *name,
                  GVariant   *value,
                  GArray     *values)
{
  int v = g_variant_get_int32 (value);

  g_array_append_val (values, v);
}

/* Every value of a burst arrives, in order, through value-changed. */
static void
test_burst_lossless (void)
{
  g_autofree char *url = test_make_url ("unix");
  g_autoptr(TestDaemon) d = test_daemon_start (url, NULL);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (int));

  g_assert_true (ro_node_connect_to_node (node, d->url, NULL));
  replica = test_acquire (node, "Thing");
  g_signal_connect (replica, "value-changed::count", G_CALLBACK (value_changed_cb), values);

  test_daemon_send (d, "burst 20000");
  WAIT_UNTIL (values->len == 20000);
  for (int i = 0; i < 20000; i++)
    g_assert_cmpint (g_array_index (values, int, i), ==, i + 1);
  g_assert_cmpint (test_get_int (replica, "count"), ==, 20000);
}

int
main (int   argc,
      char *argv[])
{
  static const char *transports[] = { "unix", "local", "localabstract", "tcp" };

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Sources and replicas in different processes, over every transport");
  test_util_init ();

  for (guint i = 0; i < G_N_ELEMENTS (transports); i++)
    {
      g_autofree char *path = g_strdup_printf ("/Ro/Integration/transport/%s", transports[i]);
      g_autofree char *kill_path = g_strdup_printf ("/Ro/Integration/kill-and-restart/%s", transports[i]);

      g_test_add_data_func (path, transports[i], test_transport);
      g_test_add_data_func (kill_path, transports[i], test_kill_and_restart);
    }
  g_test_add_func ("/Ro/Integration/acquire-before-host", test_acquire_before_host);
  g_test_add_func ("/Ro/Integration/heartbeat", test_heartbeat);
  g_test_add_func ("/Ro/Integration/pending-calls-disconnected", test_pending_calls_disconnected);
  g_test_add_func ("/Ro/Integration/cancel-reaches-source", test_cancel_reaches_source);
  g_test_add_func ("/Ro/Integration/caller-gone-cancels", test_caller_gone_cancels);
  g_test_add_func ("/Ro/Integration/disable-enable", test_disable_enable);
  g_test_add_func ("/Ro/Integration/several-clients", test_several_clients);
  g_test_add_func ("/Ro/Integration/burst-lossless", test_burst_lossless);

  return g_test_run ();
}
