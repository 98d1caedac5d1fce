/* test-registry.c: finding sources by name through a registry
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A registry, hosts and clients in separate processes: the registry and
 * the hosts are ro-test-daemon, the clients are nodes of this process.
 */

#include <signal.h>

#include <ro-glib/ro-glib.h>

#include "test-util.h"

typedef struct
{
  GPtrArray *added;    /* "name url" */
  GPtrArray *removed;
} Events;

static void
added_cb (RoNode     *node,
          const char *name,
          const char *url,
          Events     *events)
{
  g_ptr_array_add (events->added, g_strdup_printf ("%s %s", name, url));
}

static void
removed_cb (RoNode     *node,
            const char *name,
            const char *url,
            Events     *events)
{
  g_ptr_array_add (events->removed, g_strdup_printf ("%s %s", name, url));
}

static gboolean
has (GPtrArray  *list,
     const char *entry)
{
  for (guint i = 0; i < list->len; i++)
    if (g_str_equal (g_ptr_array_index (list, i), entry))
      return TRUE;
  return FALSE;
}

static RoNode *
client (const char *registry,
        Events     *events)
{
  g_autoptr(GError) error = NULL;
  RoNode *node = ro_node_new ();

  g_assert_true (ro_node_set_registry_url (node, registry, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (ro_node_get_registry_url (node), ==, registry);
  if (events != NULL)
    {
      g_signal_connect (node, "remote-object-added", G_CALLBACK (added_cb), events);
      g_signal_connect (node, "remote-object-removed", G_CALLBACK (removed_cb), events);
    }
  return node;
}

/* Acquire by name alone; the events name the host's URL. */
static void
test_acquire_by_name (void)
{
  g_autofree char *registry_url = test_make_url ("unix");
  g_autoptr(TestDaemon) registry = test_daemon_start ("--be-registry", registry_url, "Other", NULL);
  g_autoptr(TestDaemon) host = test_daemon_start ("--registry", registry->url, "tcp://127.0.0.1:0", NULL);
  Events events = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *expected = g_strdup_printf ("Thing %s", host->url);
  g_autofree char *registry_own = g_strdup_printf ("Other %s", registry->url);
  RoNode *nodes[3];
  RoReplica *replicas[3];

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      nodes[i] = client (registry->url, i == 0 ? &events : NULL);
      replicas[i] = test_acquire (nodes[i], "Thing");
    }

  WAIT_UNTIL (has (events.added, expected) && has (events.added, registry_own));

  test_daemon_send (host, "count 21");
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    WAIT_UNTIL (test_get_int (replicas[i], "count") == 21);

  /* A blocking wait finds the host through the registry too. */
  {
    g_autoptr(RoNode) blocking = client (registry->url, NULL);
    g_autoptr(RoReplica) waited = ro_node_acquire_dynamic (blocking, "Thing");

    g_assert_true (ro_replica_wait_for_source (waited, 10000));
    g_assert_true (ro_replica_is_valid (waited));
  }

  /* The registry host's own sources are found through it too. */
  {
    g_autoptr(RoReplica) other = test_acquire (nodes[0], "Other");

    g_assert_true (ro_replica_is_valid (other));
  }

  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++)
    {
      g_object_unref (replicas[i]);
      g_assert_finalize_object (nodes[i]);
    }
  g_ptr_array_unref (events.added);
  g_ptr_array_unref (events.removed);
}

/* A second host sharing the same name is refused; the first keeps it. */
static void
test_same_name_refused (void)
{
  g_autofree char *registry_url = test_make_url ("unix");
  g_autoptr(TestDaemon) registry = test_daemon_start ("--be-registry", registry_url, "Registered", NULL);
  g_autoptr(TestDaemon) first = test_daemon_start ("--registry", registry->url, "tcp://127.0.0.1:0", NULL);
  g_autoptr(TestDaemon) second = NULL;
  g_autoptr(RoNode) node = client (registry->url, NULL);
  g_autoptr(RoReplica) replica = test_acquire (node, "Thing");

  second = test_daemon_start ("--registry", registry->url, "tcp://127.0.0.1:0", NULL);
  test_daemon_send (first, "count 1");
  test_daemon_send (second, "count 2");
  WAIT_UNTIL (test_get_int (replica, "count") == 1);

  /* Give the second host's refusal time to happen, then check again. */
  for (int i = 0; i < 20; i++)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  test_daemon_send (first, "count 3");
  WAIT_UNTIL (test_get_int (replica, "count") == 3);
}

/* A host that dies is removed from the registry and its replicas go
 * SUSPECT; started again elsewhere, it is found again. */
static void
test_host_dies_and_returns (void)
{
  g_autofree char *registry_url = test_make_url ("unix");
  g_autoptr(TestDaemon) registry = test_daemon_start ("--be-registry", registry_url, "Registered", NULL);
  TestDaemon *host = test_daemon_start ("--registry", registry->url, "tcp://127.0.0.1:0", NULL);
  Events events = { g_ptr_array_new_with_free_func (g_free), g_ptr_array_new_with_free_func (g_free) };
  g_autoptr(RoNode) node = client (registry->url, &events);
  g_autoptr(RoReplica) replica = test_acquire (node, "Thing");
  g_autofree char *first = g_strdup_printf ("Thing %s", host->url);
  g_autofree char *second = NULL;

  test_daemon_signal (host, SIGKILL);
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SUSPECT);
  WAIT_UNTIL (has (events.removed, first));
  test_daemon_free (host);

  /* A new process, on a new port: the registry tells where. */
  host = test_daemon_start ("--registry", registry->url, "tcp://127.0.0.1:0", NULL);
  second = g_strdup_printf ("Thing %s", host->url);
  WAIT_UNTIL (has (events.added, second));
  WAIT_UNTIL (ro_replica_is_valid (replica));
  test_daemon_send (host, "count 5");
  WAIT_UNTIL (test_get_int (replica, "count") == 5);

  test_daemon_free (host);
  g_ptr_array_unref (events.added);
  g_ptr_array_unref (events.removed);
}

/* A registry that restarts is filled again by the hosts, and nodes find
 * their sources again, without anyone doing anything: here the host also
 * moves to another port while the registry is down. */
static void
test_registry_restarts (void)
{
  g_autofree char *registry_url = test_make_url ("unix");
  TestDaemon *registry = test_daemon_start ("--be-registry", registry_url, "Registered", NULL);
  g_autofree char *bound = g_strdup (registry->url);
  TestDaemon *host = test_daemon_start ("--registry", bound, "tcp://127.0.0.1:0", NULL);
  g_autoptr(RoNode) node = client (bound, NULL);
  g_autoptr(RoReplica) replica = test_acquire (node, "Thing");

  test_daemon_send (host, "count 6");
  WAIT_UNTIL (test_get_int (replica, "count") == 6);

  test_daemon_signal (registry, SIGKILL);
  test_daemon_free (registry);
  test_daemon_signal (host, SIGKILL);
  test_daemon_free (host);
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SUSPECT);

  /* The new host cannot register yet: it keeps trying. */
  host = test_daemon_start ("--registry", bound, "tcp://127.0.0.1:0", NULL);
  test_daemon_send (host, "count 9");
  registry = test_daemon_start ("--be-registry", bound, "Registered", NULL);

  WAIT_UNTIL (ro_replica_is_valid (replica));
  g_assert_cmpint (test_get_int (replica, "count"), ==, 9);

  /* A client that comes now finds the source through the new registry. */
  {
    g_autoptr(RoNode) late = client (bound, NULL);
    g_autoptr(RoReplica) found = test_acquire (late, "Thing");

    g_assert_cmpint (test_get_int (found, "count"), ==, 9);
  }

  test_daemon_free (host);
  test_daemon_free (registry);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("A registry, hosts and clients in separate processes");
  test_util_init ();

  g_test_add_func ("/Ro/Registry/acquire-by-name", test_acquire_by_name);
  g_test_add_func ("/Ro/Registry/same-name-refused", test_same_name_refused);
  g_test_add_func ("/Ro/Registry/host-dies-and-returns", test_host_dies_and_returns);
  g_test_add_func ("/Ro/Registry/registry-restarts", test_registry_restarts);

  return g_test_run ();
}
