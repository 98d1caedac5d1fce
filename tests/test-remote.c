/* test-remote.c: a source and its replicas in one process
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The host and the node share one main context, over a real Unix socket, so
 * these tests reach every layer while staying easy to debug. Cross-process
 * behaviour is in test-integration.c.
 */

#include <glib/gstdio.h>

#include <ro-glib/ro-glib.h>

#include "test-types.h"

typedef struct
{
  char *dir;
  RoHost *host;
  TestThing *thing;
  RoNode *node;
} Fixture;

#define WAIT_UNTIL(cond) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC; \
    while (!(cond)) \
      { \
        g_assert_cmpint (g_get_monotonic_time (), <, _end); \
        g_main_context_iteration (NULL, TRUE); \
      } \
  } G_STMT_END

static gboolean
timeout_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static void
setup (Fixture       *f,
       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *url = NULL;

  f->dir = g_dir_make_tmp ("ro-remote-XXXXXX", &error);
  g_assert_no_error (error);
  url = g_strdup_printf ("unix:%s/host.sock", f->dir);
  f->host = ro_host_new (url, &error);
  g_assert_no_error (error);
  f->thing = test_thing_new ("SN-42");
  g_assert_true (ro_host_enable_remoting (f->host, G_OBJECT (f->thing), "Thing", &error));
  g_assert_no_error (error);

  f->node = ro_node_new ();
  g_assert_true (ro_node_connect_to_node (f->node, ro_host_get_url (f->host), &error));
  g_assert_no_error (error);
  /* Keeps the iteration loops in WAIT_UNTIL from blocking forever. */
  g_timeout_add (50, timeout_cb, NULL);
}

static void
teardown (Fixture       *f,
          gconstpointer  data)
{
  g_assert_finalize_object (f->node);
  g_clear_object (&f->host);
  g_assert_finalize_object (f->thing);
  g_rmdir (f->dir);
  g_free (f->dir);
  g_source_remove_by_user_data (NULL);
}

static void
acquired_cb (GObject      *node,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;

  *(RoReplica **) data = ro_node_acquire_finish (RO_NODE (node), result, &error);
  g_assert_no_error (error);
}

static RoReplica *
acquire (Fixture *f)
{
  RoReplica *replica = NULL;

  ro_node_acquire_async (f->node, "Thing", NULL, acquired_cb, &replica);
  WAIT_UNTIL (replica != NULL);
  return replica;
}

static void
test_acquire_async (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autofree char *room = NULL;
  g_autofree char *serial = NULL;
  double temperature = 0;
  int color = -1;

  g_assert_cmpint (ro_replica_get_state (replica), ==, RO_REPLICA_STATE_VALID);
  g_assert_true (ro_replica_is_valid (replica));
  g_assert_cmpstr (ro_replica_get_name (replica), ==, "Thing");
  g_assert_true (ro_replica_get_node (replica) == f->node);
  g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (replica, RO_TYPE_REPLICA));
  g_assert_true (G_OBJECT_TYPE (replica) != RO_TYPE_REPLICA);

  g_object_get (replica, "room", &room, "serial", &serial, "temperature", &temperature, "color", &color, NULL);
  g_assert_cmpstr (room, ==, "kitchen");
  g_assert_cmpstr (serial, ==, "SN-42");
  g_assert_cmpfloat (temperature, ==, 20);
  g_assert_cmpint (color, ==, TEST_COLOR_RED);
}

static void
test_follow_changes (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  int count = 0;

  test_thing_set_count (f->thing, 7);
  WAIT_UNTIL ((g_object_get (replica, "count", &count, NULL), count == 7));
}

static void
test_call_sync (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GVariant) temperature = NULL;

  result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 2, 40), 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (result), ==, "(i)");
  {
    int sum = 0;

    g_variant_get (result, "(i)", &sum);
    g_assert_cmpint (sum, ==, 42);
  }
  g_clear_pointer (&result, g_variant_unref);

  /* The value the source set before replying is visible on return. */
  result = ro_replica_call_sync (replica, "heat", g_variant_new ("(d)", 5.0), 5000, NULL, &error);
  g_assert_no_error (error);
  temperature = ro_replica_get_value (replica, "temperature");
  g_assert_cmpfloat (g_variant_get_double (temperature), ==, 25.0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/Ro/Remote/acquire-async", Fixture, NULL, setup, test_acquire_async, teardown);
  g_test_add ("/Ro/Remote/follow-changes", Fixture, NULL, setup, test_follow_changes, teardown);
  g_test_add ("/Ro/Remote/call-sync", Fixture, NULL, setup, test_call_sync, teardown);

  return g_test_run ();
}
