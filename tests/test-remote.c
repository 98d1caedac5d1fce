/* test-remote.c: a source and its replicas in one process
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The host and the node share one main context, over a real Unix socket, so
 * these tests reach every layer while staying easy to debug. Cross-process
 * behaviour is in test-integration.c.
 */

#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>

#include <ro-glib/ro-glib.h>

#include "test-types.h"
#include "ro-codec.h"
#include "ro-interface-info-private.h"
#include "ro-node-private.h"

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

static int
get_count (RoReplica *replica)
{
  int count;

  g_object_get (replica, "count", &count, NULL);
  return count;
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


/* A hand-written typed replica: properties and signals named as the
 * source's, no accessors of its own. */
#define TEST_TYPE_THING_REPLICA (test_thing_replica_get_type ())
G_DECLARE_FINAL_TYPE (TestThingReplica, test_thing_replica, TEST, THING_REPLICA, RoReplica)

struct _TestThingReplica
{
  RoReplica parent_instance;
};

G_DEFINE_FINAL_TYPE (TestThingReplica, test_thing_replica, RO_TYPE_REPLICA)

static void
test_thing_replica_class_init (TestThingReplicaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  g_object_class_install_property (object_class, 1,
                                   g_param_spec_int ("count", NULL, NULL, G_MININT, G_MAXINT, -1,
                                                     G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY));
  g_object_class_install_property (object_class, 2,
                                   g_param_spec_string ("room", NULL, NULL, "nowhere",
                                                        G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY));
  g_signal_new ("overheat", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_DOUBLE);
}

static void
test_thing_replica_init (TestThingReplica *self)
{
}

static void
count_notify_cb (GObject    *object,
                 GParamSpec *pspec,
                 guint      *n)
{
  (*n)++;
}

static void
overheat_cb (GObject    *replica,
             const char *reason,
             double      temperature,
             char      **seen)
{
  g_free (*seen);
  *seen = g_strdup_printf ("%s %.1f", reason, temperature);
}

static void
test_typed_subclass (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RoReplica) replica = ro_node_acquire (f->node, TEST_TYPE_THING_REPLICA, "Thing");
  g_autofree char *room = NULL;
  g_autofree char *seen = NULL;
  guint notified = 0;
  int count = 0;

  g_assert_true (TEST_IS_THING_REPLICA (replica));
  g_assert_cmpint (ro_replica_get_state (replica), ==, RO_REPLICA_STATE_DEFAULT);
  /* Before the snapshot, properties hold their defaults. */
  g_object_get (replica, "count", &count, "room", &room, NULL);
  g_assert_cmpint (count, ==, -1);
  g_assert_cmpstr (room, ==, "nowhere");
  g_clear_pointer (&room, g_free);

  g_assert_true (ro_replica_wait_for_source (replica, 5000));
  g_object_get (replica, "count", &count, "room", &room, NULL);
  g_assert_cmpint (count, ==, 0);
  g_assert_cmpstr (room, ==, "kitchen");

  /* The snapshot's notifications come after the wait, from the context. */
  g_signal_connect (replica, "notify::count", G_CALLBACK (count_notify_cb), &notified);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (notified, ==, 1);
  notified = 0;
  g_signal_connect (replica, "overheat", G_CALLBACK (overheat_cb), &seen);
  test_thing_set_count (f->thing, 12);
  WAIT_UNTIL (notified == 1);
  g_object_get (replica, "count", &count, NULL);
  g_assert_cmpint (count, ==, 12);

  test_thing_emit_overheat (f->thing, "hot", 31);
  WAIT_UNTIL (seen != NULL);
  g_assert_cmpstr (seen, ==, "hot 31.0");

  /* Setting a READWRITE property pushes; the value changes on the way back. */
  g_object_set (replica, "count", 77, NULL);
  g_object_get (replica, "count", &count, NULL);
  g_assert_cmpint (count, ==, 12);
  WAIT_UNTIL (notified == 2);
  g_object_get (replica, "count", &count, NULL);
  g_assert_cmpint (count, ==, 77);
}

#define TEST_TYPE_MISMATCHED_REPLICA (test_mismatched_replica_get_type ())
G_DECLARE_FINAL_TYPE (TestMismatchedReplica, test_mismatched_replica, TEST, MISMATCHED_REPLICA, RoReplica)

struct _TestMismatchedReplica
{
  RoReplica parent_instance;
};

G_DEFINE_FINAL_TYPE (TestMismatchedReplica, test_mismatched_replica, RO_TYPE_REPLICA)

static void
test_mismatched_replica_class_init (TestMismatchedReplicaClass *klass)
{
  ro_replica_class_set_signature (RO_REPLICA_CLASS (klass),
                                  "0000000000000000000000000000000000000000000000000000000000000000");
}

static void
test_mismatched_replica_init (TestMismatchedReplica *self)
{
}

static void
test_signature_mismatch (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoReplica) replica = ro_node_acquire (f->node, TEST_TYPE_MISMATCHED_REPLICA, "Thing");
  g_autoptr(RoReplica) matching = NULL;
  g_autoptr(RoInterfaceInfo) info = ro_interface_info_new_for_type (TEST_TYPE_THING, NULL);

  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*expects interface signature 0000*");
  g_assert_false (ro_replica_wait_for_source (replica, 5000) && ro_replica_is_valid (replica));
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SIGNATURE_MISMATCH);
  for (int i = 0; i < 5; i++)
    g_main_context_iteration (NULL, FALSE);
  g_test_assert_expected_messages ();

  /* The right signature is accepted. */
  ro_replica_class_set_signature (g_type_class_peek (TEST_TYPE_THING_REPLICA),
                                  ro_interface_info_get_signature (info));
  matching = ro_node_acquire (f->node, TEST_TYPE_THING_REPLICA, "Thing");
  g_assert_true (ro_replica_is_valid (matching));
  ro_replica_class_set_signature (g_type_class_peek (TEST_TYPE_THING_REPLICA), NULL);
}

typedef struct
{
  GArray *counts;
  GPtrArray *signals;
} Seen;

static void
value_changed_cb (RoReplica  *replica,
                  const char *name,
                  GVariant   *value,
                  Seen       *seen)
{
  int v = g_variant_get_int32 (value);

  g_array_append_val (seen->counts, v);
}

static void
remote_signal_cb (RoReplica  *replica,
                  const char *name,
                  GVariant   *args,
                  Seen       *seen)
{
  g_autofree char *text = g_variant_print (args, FALSE);

  g_ptr_array_add (seen->signals, g_strdup_printf ("%s%s %s", name, text, g_variant_get_type_string (args)));
}

static void
test_dynamic (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(RoReplica) replica = ro_node_acquire_dynamic (f->node, "Thing");
  g_autoptr(GVariant) count = NULL;
  g_autoptr(GVariant) room = NULL;
  Seen seen = { g_array_new (FALSE, FALSE, sizeof (int)), g_ptr_array_new_with_free_func (g_free) };

  g_assert_true (G_OBJECT_TYPE (replica) == RO_TYPE_REPLICA);
  g_assert_true (ro_replica_wait_for_source (replica, 5000));
  g_assert_nonnull (ro_replica_get_interface_info (replica));
  g_assert_cmpstr (ro_interface_info_get_name (ro_replica_get_interface_info (replica)), ==, "TestThing");
  room = ro_replica_get_value (replica, "room");
  g_assert_cmpstr (g_variant_get_type_string (room), ==, "ms");
  g_assert_null (ro_replica_get_value (replica, "no-such-property"));
  while (g_main_context_iteration (NULL, FALSE))
    ;

  g_signal_connect (replica, "value-changed::count", G_CALLBACK (value_changed_cb), &seen);
  g_signal_connect (replica, "remote-signal::overheat", G_CALLBACK (remote_signal_cb), &seen);

  ro_replica_push_value (replica, "count", g_variant_new_int32 (3));
  count = ro_replica_get_value (replica, "count");
  g_assert_cmpint (g_variant_get_int32 (count), ==, 0);
  WAIT_UNTIL (seen.counts->len == 1);
  g_assert_cmpint (g_array_index (seen.counts, int, 0), ==, 3);
  g_assert_cmpint (test_thing_get_n_cancelled (f->thing), ==, 0);

  test_thing_emit_overheat (f->thing, "warm", 30.5);
  WAIT_UNTIL (seen.signals->len == 1);
  g_assert_cmpstr (g_ptr_array_index (seen.signals, 0), ==, "overheat('warm', 30.5) (msd)");

  /* Pushing to a read-only property is refused on this side already. */
  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*“temperature”*read-only*");
  ro_replica_push_value (replica, "temperature", g_variant_new_double (1));
  g_test_assert_expected_messages ();

  g_array_unref (seen.counts);
  g_ptr_array_unref (seen.signals);
}

static void
test_type_per_signature (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(RoReplica) a = acquire (f);
  g_autoptr(RoReplica) b = acquire (f);

  g_assert_true (G_OBJECT_TYPE (a) == G_OBJECT_TYPE (b));
  g_assert_true (g_type_is_a (G_OBJECT_TYPE (a), RO_TYPE_REPLICA));
  g_assert_nonnull (g_object_class_find_property (G_OBJECT_GET_CLASS (a), "temperature"));
  g_assert_cmpuint (g_signal_lookup ("overheat", G_OBJECT_TYPE (a)), !=, 0);
  /* Not a GObject-able member: stays out of the GType, and of the info. */
  g_assert_null (g_object_class_find_property (G_OBJECT_GET_CLASS (a), "buddy"));
}

static void
async_result_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static void
test_method_errors (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  const char *text = NULL;

  result = ro_replica_call_sync (replica, "cool", NULL, 5000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RO_ERROR, RO_ERROR_NOT_FOUND);
  g_clear_error (&error);

  result = ro_replica_call_sync (replica, "add", g_variant_new ("(s)", "x"), 5000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS);
  g_assert_nonnull (strstr (error->message, "(ii)"));
  g_clear_error (&error);

  /* The source's own error keeps its message. */
  result = ro_replica_call_sync (replica, "fail", g_variant_new ("(s)", "no paper"), 5000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RO_ERROR, RO_ERROR_REMOTE);
  g_assert_cmpstr (error->message, ==, "refused: no paper");
  g_clear_error (&error);

  /* A deferred reply, from a timeout of the source's context: that is this
   * context, so only an asynchronous call can see it. A plain "s" is
   * accepted for a nullable string. */
  {
    GAsyncResult *async_result = NULL;

    ro_replica_call_async (replica, "echo-later", g_variant_new ("(s)", "later"), NULL,
                           async_result_cb, &async_result);
    WAIT_UNTIL (async_result != NULL);
    result = ro_replica_call_finish (replica, async_result, &error);
    g_object_unref (async_result);
  }
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (result), ==, "(ms)");
  g_variant_get (result, "(m&s)", &text);
  g_assert_cmpstr (text, ==, "later");
}

static void
group_notify_cb (GObject    *replica,
                 GParamSpec *pspec,
                 GString    *seen)
{
  int count;
  double temperature;

  g_object_get (replica, "count", &count, "temperature", &temperature, NULL);
  g_string_append_printf (seen, "%s:%d/%.0f ", pspec->name, count, temperature);
}

/* A freeze_notify group travels and is applied as one: no handler sees
 * half of it. */
static void
test_atomic_group (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GString) seen = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;

  g_signal_connect (replica, "notify::count", G_CALLBACK (group_notify_cb), seen);
  g_signal_connect (replica, "notify::temperature", G_CALLBACK (group_notify_cb), seen);
  result = ro_replica_call_sync (replica, "group", g_variant_new ("(id)", 5, 33.0), 5000, NULL, &error);
  g_assert_no_error (error);
  WAIT_UNTIL (seen->len > 0 && strstr (seen->str, "temperature") && strstr (seen->str, "count"));
  g_assert_true (g_str_equal (seen->str, "count:5/33 temperature:5/33 ") ||
                 g_str_equal (seen->str, "temperature:5/33 count:5/33 "));
}

static gboolean
flag_idle_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* call_sync runs nothing else of the caller's context; what arrived
 * meanwhile is dispatched afterwards, and the values are already there. */
static void
test_blocking_runs_nothing_else (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GVariant) temperature = NULL;
  gboolean idle_ran = FALSE;
  guint notified = 0;

  g_signal_connect (replica, "notify::temperature", G_CALLBACK (count_notify_cb), &notified);
  g_idle_add (flag_idle_cb, &idle_ran);

  result = ro_replica_call_sync (replica, "heat", g_variant_new ("(d)", 15.0), 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (idle_ran);
  g_assert_cmpuint (notified, ==, 0);
  temperature = ro_replica_get_value (replica, "temperature");
  g_assert_cmpfloat (g_variant_get_double (temperature), ==, 35.0);

  WAIT_UNTIL (idle_ran && notified == 1);

  /* wait_for_source too. */
  {
    g_autoptr(RoReplica) dynamic = ro_node_acquire_dynamic (f->node, "Thing");

    idle_ran = FALSE;
    g_idle_add (flag_idle_cb, &idle_ran);
    g_assert_true (ro_replica_wait_for_source (dynamic, 5000));
    g_assert_false (idle_ran);
    /* The idle points at this frame: let it run before we leave. */
    WAIT_UNTIL (idle_ran);
  }
}

static void
test_socketpair (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoHost) host = ro_host_new (NULL, &error);
  g_autoptr(TestThing) thing = test_thing_new ("pair");
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GSocket) a = NULL;
  g_autoptr(GSocket) b = NULL;
  g_autoptr(GSocketConnection) ca = NULL;
  g_autoptr(GSocketConnection) cb = NULL;
  int fds[2];
  int sum = 0;

  g_assert_no_error (error);
  g_assert_null (ro_host_get_url (host));
  g_assert_true (ro_host_enable_remoting (host, G_OBJECT (thing), NULL, &error));
  g_assert_false (ro_host_enable_remoting (host, G_OBJECT (thing), NULL, &error));
  g_assert_error (error, RO_ERROR, RO_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_cmpint (socketpair (AF_UNIX, SOCK_STREAM, 0, fds), ==, 0);
  a = g_socket_new_from_fd (fds[0], &error);
  b = g_socket_new_from_fd (fds[1], &error);
  ca = g_socket_connection_factory_create_connection (a);
  cb = g_socket_connection_factory_create_connection (b);
  g_assert_true (ro_host_add_host_side_connection (host, G_IO_STREAM (ca), &error));
  g_assert_true (ro_node_add_client_side_connection (node, G_IO_STREAM (cb), &error));
  g_assert_no_error (error);

  /* Shared under its type name, as no name was given. */
  {
    RoReplica *r = NULL;

    ro_node_acquire_async (node, "TestThing", NULL, acquired_cb, &r);
    WAIT_UNTIL (r != NULL);
    replica = r;
  }
  result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 1, 2), 5000, NULL, &error);
  g_assert_no_error (error);
  g_variant_get (result, "(i)", &sum);
  g_assert_cmpint (sum, ==, 3);

  g_assert_true (ro_host_disable_remoting (host, "TestThing"));
  g_assert_false (ro_host_disable_remoting (host, "TestThing"));
  WAIT_UNTIL (ro_replica_get_state (replica) == RO_REPLICA_STATE_SUSPECT);
}

static GBytes *
json_frame (const char *json)
{
  guint32 length = GUINT32_TO_BE ((guint32) strlen (json));
  GByteArray *frame = g_byte_array_new ();

  g_byte_array_append (frame, (const guint8 *) &length, 4);
  g_byte_array_append (frame, (const guint8 *) json, strlen (json));
  return g_byte_array_free_to_bytes (frame);
}

static void
write_bytes (GSocket *socket,
             GBytes  *bytes)
{
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);

  g_assert_cmpint (g_socket_send (socket, data, size, NULL, NULL), ==, (gssize) size);
}

/* Reads until the peer closes; returns what came. */
static GByteArray *
read_until_closed (GSocket *socket)
{
  GByteArray *all = g_byte_array_new ();
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  g_socket_set_blocking (socket, FALSE);
  for (;;)
    {
      char buffer[4096];
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, buffer, sizeof buffer, NULL, &error);

      if (n == 0)
        return all;
      if (n > 0)
        g_byte_array_append (all, (const guint8 *) buffer, n);
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static GSocket *
raw_connect (const char *url)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (url + strlen ("unix:"));
  GSocket *socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);

  g_assert_no_error (error);
  g_assert_true (g_socket_connect (socket, address, NULL, &error));
  return socket;
}

#define HELLO(version) \
  "{\"type\":\"hello\",\"body\":[\"a{sv}\",{\"protocol\":[\"s\",\"ro-glib\"],\"version\":[\"u\"," version "]," \
  "\"codecs\":[\"as\",[\"json\"]],\"token\":[\"s\",\"raw\"]}]}"

/* A peer of another protocol version is refused with both versions named. */
static void
test_version_mismatch (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GSocket) raw = raw_connect (ro_host_get_url (f->host));
  g_autoptr(GBytes) hello = json_frame (HELLO ("99"));
  g_autoptr(GByteArray) got = NULL;

  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*version 99*version 1*");
  write_bytes (raw, hello);
  got = read_until_closed (raw);
  g_test_assert_expected_messages ();
  /* Our own hello went out before theirs was read. */
  g_assert_cmpuint (got->len, >, 4);
}

/* A broken frame drops that peer, and only that one. */
static void
test_broken_frame (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  const char *garbage[] = {
    "\x00\x00\x00\x05" "hello",                 /* not JSON */
    "\xff\xff\xff\xff" "x",                     /* a 4 GiB frame */
    "\x00\x00\x00\x00",                         /* an empty frame */
  };

  for (gsize i = 0; i < G_N_ELEMENTS (garbage); i++)
    {
      g_autoptr(GSocket) raw = raw_connect (ro_host_get_url (f->host));
      g_autoptr(GBytes) hello = json_frame (HELLO ("1"));
      g_autoptr(GBytes) bad = g_bytes_new (garbage[i], i == 0 ? 9 : i == 1 ? 5 : 4);
      g_autoptr(GByteArray) got = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) result = NULL;

      g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*Dropping*");
      write_bytes (raw, hello);
      write_bytes (raw, bad);
      got = read_until_closed (raw);
      g_test_assert_expected_messages ();

      result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 1, 1), 5000, NULL, &error);
      g_assert_no_error (error);
      g_assert_true (ro_replica_is_valid (replica));
    }
}

/* Over the maximum frame size, the peer is dropped. */
static void
test_max_frame_size (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autofree char *big = g_strnfill (4096, 'x');

  ro_node_set_max_frame_size (RO_NODE (f->host), 1024);
  g_assert_cmpuint (ro_node_get_max_frame_size (RO_NODE (f->host)), ==, 1024);
  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*Dropping*");
  result = ro_replica_call_sync (replica, "echo-later", g_variant_new ("(s)", big), 5000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RO_ERROR, RO_ERROR_DISCONNECTED);
  g_test_assert_expected_messages ();
}

static void
test_socket_file_removed (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *path = g_strdup (ro_host_get_url (f->host) + strlen ("unix:"));
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_clear_object (&f->host);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static gboolean
refuse_cb (RoHost         *host,
           GIOStream      *stream,
           GCredentials   *credentials,
           GSocketAddress *address,
           gpointer        data)
{
  /* A socket in this process: Unix credentials, our own user. */
  g_assert_nonnull (credentials);
  g_assert_cmpuint (g_credentials_get_unix_user (credentials, NULL), ==, getuid ());
  (*(guint *) data)++;
  return FALSE;
}

static void
test_authorize_peer (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GCredentials) other = g_credentials_new ();
  g_autoptr(GCredentials) mine = g_credentials_new ();
  gboolean allowed = TRUE;
  guint asked = 0;

  /* The default policy: on Unix sockets, only the same user. */
  g_assert_true (g_credentials_set_unix_user (other, getuid () + 1, NULL));
  g_signal_emit_by_name (f->host, "authorize-peer", NULL, other, NULL, &allowed);
  g_assert_false (allowed);
  g_signal_emit_by_name (f->host, "authorize-peer", NULL, mine, NULL, &allowed);
  g_assert_true (allowed);
  g_signal_emit_by_name (f->host, "authorize-peer", NULL, NULL, NULL, &allowed);
  g_assert_true (allowed);

  /* A handler decides instead; a refused peer gets nothing. */
  g_signal_connect (f->host, "authorize-peer", G_CALLBACK (refuse_cb), &asked);
  g_assert_true (ro_node_connect_to_node (node, ro_host_get_url (f->host), NULL));
  replica = ro_node_acquire_dynamic (node, "Thing");
  WAIT_UNTIL (asked >= 2);
  g_assert_false (ro_replica_wait_for_source (replica, 300));
  g_assert_cmpint (ro_replica_get_state (replica), ==, RO_REPLICA_STATE_DEFAULT);
}

static void
test_limits (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(RoReplica) second = NULL;
  g_autoptr(RoReplica) third = NULL;
  g_autoptr(RoNode) late = ro_node_new ();
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(TestThing) other = test_thing_new ("other");
  GAsyncResult *results[3] = { NULL, };
  GError *errors[3] = { NULL, };

  /* Calls waiting for a reply, per connection. */
  g_object_set (f->host, "max-pending-calls", 2, NULL);
  g_assert_cmpuint (ro_host_get_max_pending_calls (f->host), ==, 2);
  for (int i = 0; i < 3; i++)
    ro_replica_call_async (replica, "wait-cancel", NULL, cancellable, async_result_cb, &results[i]);
  WAIT_UNTIL (results[2] != NULL);
  g_assert_null (ro_replica_call_finish (replica, results[2], &errors[2]));
  g_assert_error (errors[2], RO_ERROR, RO_ERROR_FAILED);
  g_assert_nonnull (strstr (errors[2]->message, "at most 2"));
  g_cancellable_cancel (cancellable);
  WAIT_UNTIL (results[0] != NULL && results[1] != NULL);
  for (int i = 0; i < 3; i++)
    {
      if (i < 2)
        {
          g_assert_null (ro_replica_call_finish (replica, results[i], &errors[i]));
          g_assert_error (errors[i], G_IO_ERROR, G_IO_ERROR_CANCELLED);
        }
      g_clear_error (&errors[i]);
      g_object_unref (results[i]);
    }

  /* Sources acquired per connection. */
  g_assert_true (ro_host_enable_remoting (f->host, G_OBJECT (other), "Other", NULL));
  ro_host_set_max_replicas_per_connection (f->host, 1);
  second = ro_node_acquire_dynamic (f->node, "Other");
  g_assert_false (ro_replica_wait_for_source (second, 300));

  /* Connections per host: the fixture's node has the only one. */
  ro_host_set_max_connections (f->host, 1);
  g_assert_cmpuint (ro_host_get_max_connections (f->host), ==, 1);
  g_assert_true (ro_node_connect_to_node (late, ro_host_get_url (f->host), NULL));
  third = ro_node_acquire_dynamic (late, "Thing");
  g_assert_false (ro_replica_wait_for_source (third, 300));
  g_assert_true (ro_host_disable_remoting (f->host, "Other"));
}

static gsize
most_queued (RoHost *host)
{
  GPtrArray *peers = ro_node_get_peers (RO_NODE (host));
  gsize most = 0;

  for (guint i = 0; i < peers->len; i++)
    most = MAX (most, ro_connection_get_queued_bytes (((RoPeer *) g_ptr_array_index (peers, i))->connection));
  return most;
}

/* A peer that stops reading costs the host a bounded amount of memory:
 * property changes are coalesced, a signal backlog drops it; the other
 * replicas do not notice. */
static void
test_slow_reader (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GSocket) raw = raw_connect (ro_host_get_url (f->host));
  g_autoptr(GBytes) hello = json_frame (HELLO ("1"));
  g_autoptr(GBytes) acquire_thing = json_frame ("{\"type\":\"acquire\",\"name\":\"Thing\"}");
  const guint limit = 64 * 1024;
  gsize most = 0;
  guint peers_before;

  ro_host_set_max_queued_bytes (f->host, limit);
  write_bytes (raw, hello);
  write_bytes (raw, acquire_thing);
  /* The fixture's node and the raw peer. */
  WAIT_UNTIL (ro_node_get_peers (RO_NODE (f->host))->len == 2);
  peers_before = 2;

  for (int round = 0; round < 200; round++)
    {
      for (int i = 1; i <= 1000; i++)
        test_thing_set_count (f->thing, round * 1000 + i);
      while (g_main_context_iteration (NULL, FALSE))
        ;
      most = MAX (most, most_queued (f->host));
    }
  g_test_message ("Most queued for one peer: %" G_GSIZE_FORMAT " bytes (limit %u)", most, limit);
  /* Coalescing starts at a quarter of the limit; one message may overshoot. */
  g_assert_cmpuint (most, <, limit);
  WAIT_UNTIL (get_count (replica) == 200000);
  g_assert_cmpuint (ro_node_get_peers (RO_NODE (f->host))->len, ==, peers_before);

  /* Signals are not coalesced: the backlog passes the limit, and the peer
   * that caused it is dropped. */
  for (int i = 0; i < 2000 && ro_node_get_peers (RO_NODE (f->host))->len == peers_before; i++)
    {
      test_thing_emit_overheat (f->thing, "a reason long enough to fill the queue quickly", i);
      g_main_context_iteration (NULL, FALSE);
    }
  g_assert_cmpuint (ro_node_get_peers (RO_NODE (f->host))->len, ==, peers_before - 1);
  g_assert_true (ro_replica_is_valid (replica));
  test_thing_set_count (f->thing, -1);
  WAIT_UNTIL (get_count (replica) == -1);
}

/* A peer that sends calls and never reads the replies makes the host
 * stop reading it, not queue without end; the other replicas do not
 * notice. */
static void
test_call_flood_without_reading (Fixture       *f,
                                 gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GSocket) raw = raw_connect (ro_host_get_url (f->host));
  g_autoptr(GBytes) hello = json_frame (HELLO ("1"));
  g_autoptr(GBytes) acquire_thing = json_frame ("{\"type\":\"acquire\",\"name\":\"Thing\"}");
  const guint limit = 64 * 1024;
  guint sent = 0, stuck = 0;
  gsize most = 0;

  ro_host_set_max_queued_bytes (f->host, limit);
  write_bytes (raw, hello);
  write_bytes (raw, acquire_thing);
  WAIT_UNTIL (ro_node_get_peers (RO_NODE (f->host))->len == 2);

  /* Calls go out until the socket takes no more for a while: the host
   * has stopped reading. */
  g_socket_set_blocking (raw, FALSE);
  while (stuck < 200 && sent < 1000000)
    {
      g_autofree char *json = g_strdup_printf ("{\"type\":\"invoke\",\"serial\":%u,\"name\":\"Thing\","
                                               "\"member\":\"add\",\"body\":[\"(ii)\",[%u,1]]}",
                                               sent + 1, sent);
      g_autoptr(GBytes) frame = json_frame (json);
      gsize size;
      const char *bytes = g_bytes_get_data (frame, &size);
      gssize n = g_socket_send (raw, bytes, size, NULL, NULL);

      while (g_main_context_iteration (NULL, FALSE))
        ;
      most = MAX (most, most_queued (f->host));
      if (n == (gssize) size)
        {
          sent++;
          stuck = 0;
          continue;
        }
      /* A frame cut short would leave the stream broken: finish it. */
      if (n > 0)
        {
          g_socket_set_blocking (raw, TRUE);
          g_assert_cmpint (g_socket_send (raw, bytes + n, size - n, NULL, NULL), ==, (gssize) (size - n));
          g_socket_set_blocking (raw, FALSE);
          sent++;
        }
      stuck++;
      g_usleep (1000);
    }
  g_test_message ("%u calls sent before the host stopped reading; most queued for one peer: %"
                  G_GSIZE_FORMAT " bytes (limit %u)", sent, most, limit);
  g_assert_cmpuint (sent, <, 1000000);
  /* Reading stops at a quarter of the limit; one reply may overshoot. */
  g_assert_cmpuint (most, <, limit);
  g_assert_true (ro_replica_is_valid (replica));
  test_thing_set_count (f->thing, 7);
  WAIT_UNTIL (get_count (replica) == 7);
}

static GVariant *
nested_variant (guint levels)
{
  GVariant *value = g_variant_new_int32 (1);

  for (guint i = 0; i < levels; i++)
    value = g_variant_new_variant (value);
  return value;
}

/* A value made here that the protocol's limits would make the peer refuse
 * is not sent: the property change, the call and the push each fail on
 * this side with a clear message, and the connection goes on. */
static void
test_local_value_past_limits (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GVariant) extra = NULL;

  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*“extra” of “Thing” is not sent*nests deeper*");
  g_object_set (f->thing, "extra", nested_variant (70), NULL);
  g_test_assert_expected_messages ();
  test_thing_set_count (f->thing, 11);
  WAIT_UNTIL (get_count (replica) == 11);
  g_assert_true (ro_replica_is_valid (replica));

  /* Shallower values still go through. */
  g_object_set (f->thing, "extra", nested_variant (20), NULL);
  test_thing_set_count (f->thing, 12);
  WAIT_UNTIL (get_count (replica) == 12);
  extra = ro_replica_get_value (replica, "extra");
  g_assert_cmpstr (g_variant_get_type_string (extra), ==, "mv");
  {
    /* The property's value, boxed as any GVariant value is ("mv"). */
    g_autoptr(GVariant) expected = g_variant_ref_sink (g_variant_new_maybe (G_VARIANT_TYPE_VARIANT,
                                                                            g_variant_new_variant (nested_variant (20))));

    g_assert_true (g_variant_equal (extra, expected));
  }

  result = ro_replica_call_sync (replica, "add", g_variant_new ("(iv)", 1, nested_variant (70)), 5000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS);
  g_assert_nonnull (strstr (error->message, "nests deeper"));

  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*Cannot push “extra”*nests deeper*");
  ro_replica_push_value (replica, "extra", g_variant_new_variant (nested_variant (70)));
  g_test_assert_expected_messages ();

  g_clear_error (&error);
  g_clear_pointer (&result, g_variant_unref);
  result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 1, 1), 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (ro_replica_is_valid (replica));
}

/* GLib 2.74 takes as normal form an empty (mtm(v)): its own serializer
 * writes a zero offset, the one encoding peers accept. */
static GVariant *
empty_tuple_of_maybes (void)
{
  return g_variant_new_from_data (G_VARIANT_TYPE ("(mtm(v))"), "", 0, FALSE, NULL, NULL);
}

/* Values the application made from bytes that are not the canonical
 * encoding go out rebuilt, on every path: the peer would drop the
 * connection otherwise. */
static void
test_local_value_not_canonical (Fixture       *f,
                                gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GVariant) expected = g_variant_ref_sink (g_variant_new_parsed ("(@mt nothing, @m(v) nothing)"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GVariant) extra = NULL;
  g_autoptr(GVariant) inner = NULL;
  g_autoptr(GVariant) source_extra = NULL;

  {
    g_autoptr(GVariant) quirk = g_variant_ref_sink (empty_tuple_of_maybes ());

    g_assert_true (g_variant_is_normal_form (quirk));
  }

  /* A property change. */
  g_object_set (f->thing, "extra", empty_tuple_of_maybes (), NULL);
  test_thing_set_count (f->thing, 21);
  WAIT_UNTIL (get_count (replica) == 21);
  g_assert_true (ro_replica_is_valid (replica));
  extra = ro_replica_get_value (replica, "extra");
  inner = g_variant_get_maybe (extra);
  g_assert_nonnull (inner);
  {
    g_autoptr(GVariant) tuple = g_variant_get_variant (inner);

    g_assert_true (g_variant_equal (tuple, expected));
    g_assert_cmpuint (g_variant_get_size (tuple), ==, 1);
  }

  /* A push. */
  g_object_set (f->thing, "extra", NULL, NULL);
  ro_replica_push_value (replica, "extra", g_variant_new_variant (empty_tuple_of_maybes ()));
  WAIT_UNTIL ((g_object_get (f->thing, "extra", &source_extra, NULL), source_extra != NULL));
  g_assert_true (g_variant_equal (source_extra, expected));

  /* Arguments: a string without its NUL is not even normal. (The reply
   * comes from this context: only an asynchronous call sees it.) */
  {
    GAsyncResult *async_result = NULL;
    const char *text = NULL;

    ro_replica_call_async (replica, "echo-later",
                           g_variant_new_from_data (G_VARIANT_TYPE ("(s)"), "abc", 3, FALSE, NULL, NULL),
                           NULL, async_result_cb, &async_result);
    WAIT_UNTIL (async_result != NULL);
    result = ro_replica_call_finish (replica, async_result, &error);
    g_object_unref (async_result);
    g_assert_no_error (error);
    g_variant_get (result, "(m&s)", &text);
    g_assert_cmpstr (text, ==, "");
  }
  g_assert_true (ro_replica_is_valid (replica));
}

/* An invocation dropped without a reply answers FAILED; a second reply is
 * refused with a critical and changes nothing. */
static void
test_invocation_rules (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RoReplica) replica = acquire (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  int value = 0;

  result = ro_replica_call_sync (replica, "forget", NULL, 5000, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, RO_ERROR, RO_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "without a reply"));
  g_clear_error (&error);

  g_test_expect_message ("Ro", G_LOG_LEVEL_CRITICAL, "*replied to twice*");
  result = ro_replica_call_sync (replica, "reply-twice", NULL, 5000, NULL, &error);
  g_test_assert_expected_messages ();
  g_assert_no_error (error);
  g_variant_get (result, "(i)", &value);
  g_assert_cmpint (value, ==, 1);
}

/* Speaking the protocol by hand, in JSON, for the tests of the handshake. */

static void
send_message (GSocket   *socket,
              RoMessage *message)
{
  g_autoptr(GBytes) frame = ro_codec_json ()->encode (message);

  write_bytes (socket, frame);
  ro_message_free (message);
}

static void
receive_exactly (GSocket *socket,
                 guint8  *buffer,
                 gsize    size)
{
  gint64 end = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  gsize got = 0;

  while (got < size)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_socket_receive (socket, (char *) buffer + got, size - got, NULL, &error);

      if (n < 0)
        g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
      g_assert_cmpint (n, !=, 0);
      if (n > 0)
        got += n;
      g_assert_cmpint (g_get_monotonic_time (), <, end);
      g_main_context_iteration (NULL, FALSE);
    }
}

/* The next message the peer sends, pings aside. */
static RoMessage *
receive_message (GSocket *socket)
{
  g_socket_set_blocking (socket, FALSE);
  for (;;)
    {
      guint8 header[4];
      g_autofree guint8 *payload = NULL;
      g_autoptr(GError) error = NULL;
      RoMessage *message;
      guint32 length;

      receive_exactly (socket, header, sizeof header);
      memcpy (&length, header, sizeof length);
      length = GUINT32_FROM_BE (length);
      payload = g_malloc (length);
      receive_exactly (socket, payload, length);
      message = ro_codec_json ()->decode (payload, length, &error);
      g_assert_no_error (error);
      if (message->type != RO_MESSAGE_PING)
        return message;
      ro_message_free (message);
    }
}

/* Whether the peer has sent nothing more. */
static gboolean
nothing_pending (GSocket *socket)
{
  char byte;
  g_autoptr(GError) error = NULL;

  g_socket_set_blocking (socket, FALSE);
  if (g_socket_receive (socket, &byte, 1, NULL, &error) < 0)
    return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  return FALSE;
}

static RoMessage *
raw_hello (const char *key,
           GVariant   *value)
{
  RoMessage *hello = ro_message_new (RO_MESSAGE_HELLO);
  GVariantBuilder b;

  g_variant_builder_init (&b, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&b, "{sv}", "protocol", g_variant_new_string (RO_PROTOCOL_NAME));
  g_variant_builder_add (&b, "{sv}", "version", g_variant_new_uint32 (RO_PROTOCOL_VERSION));
  g_variant_builder_add (&b, "{sv}", "codecs", g_variant_new_parsed ("['json']"));
  if (key != NULL)
    g_variant_builder_add (&b, "{sv}", key, value);
  hello->body = g_variant_ref_sink (g_variant_builder_end (&b));
  return hello;
}

static gboolean
lists_feature (RoMessage  *hello,
               const char *feature)
{
  g_autoptr(GVariant) features = g_variant_lookup_value (hello->body, RO_HELLO_FEATURES, G_VARIANT_TYPE ("as"));
  g_autofree const char **strv = features != NULL ? g_variant_get_strv (features, NULL) : NULL;

  return strv != NULL && g_strv_contains (strv, feature);
}

static RoInterfaceInfo *
thing_info (void)
{
  g_autoptr(GError) error = NULL;
  RoInterfaceInfo *info = ro_interface_info_new_for_type (TEST_TYPE_THING, &error);

  g_assert_no_error (error);
  return info;
}

/* A node's acquisitions ride with its hello: the host answers with the
 * snapshots right after `sources`, and leaves the description out when
 * the node named its signature. */
static void
test_acquire_in_hello (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();
  const char *named[] = { "", ro_interface_info_get_signature (info), "0123456789abcdef" };

  for (guint round = 0; round < G_N_ELEMENTS (named); round++)
    {
      g_autoptr(GSocket) raw = raw_connect (ro_host_get_url (f->host));
      GVariant *acquisitions = g_variant_new_parsed ("{'Nothing': '', 'Thing': %s}", named[round]);
      RoMessage *message;

      send_message (raw, raw_hello (RO_HELLO_ACQUIRE, acquisitions));
      message = receive_message (raw);
      g_assert_cmpint (message->type, ==, RO_MESSAGE_HELLO);
      g_assert_true (lists_feature (message, RO_FEATURE_HELLO_ACQUIRE));
      ro_message_free (message);
      message = receive_message (raw);
      g_assert_cmpint (message->type, ==, RO_MESSAGE_SOURCES);
      ro_message_free (message);

      /* Nothing for the name the host does not share. */
      message = receive_message (raw);
      g_assert_cmpint (message->type, ==, RO_MESSAGE_SNAPSHOT);
      g_assert_cmpstr (message->name, ==, "Thing");
      {
        g_autoptr(GVariant) description = g_variant_get_child_value (message->body, 0);

        g_assert_cmpint (ro_interface_info_is_left_out (description), ==, round == 1);
      }
      ro_message_free (message);

      /* Subscribed: changes follow. */
      test_thing_set_count (f->thing, 100 + round);
      message = receive_message (raw);
      g_assert_cmpint (message->type, ==, RO_MESSAGE_CHANGES);
      g_assert_cmpstr (message->name, ==, "Thing");
      ro_message_free (message);
    }
}

/* The snapshot a host would send of @object. */
static GVariant *
snapshot_body (GObject         *object,
               RoInterfaceInfo *info,
               gboolean         left_out)
{
  g_auto(RoEntriesWriter) writer = { NULL, NULL };
  GVariant *items[2];
  GVariant *body;

  ro_entries_writer_init (&writer);
  for (guint i = 0; i < ro_interface_info_get_n_properties (info); i++)
    {
      const char *name = ro_interface_info_get_property_name (info, i);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);
      g_auto(GValue) value = G_VALUE_INIT;

      g_value_init (&value, pspec->value_type);
      g_object_get_property (object, name, &value);
      g_assert_true (ro_entries_writer_add (&writer, name, &value, NULL));
    }
  items[0] = left_out ? g_variant_ref (ro_interface_info_get_left_out ()) : ro_interface_info_to_variant (info);
  items[1] = ro_entries_writer_end (&writer, G_VARIANT_TYPE_VARDICT);
  body = g_variant_ref_sink (g_variant_new_tuple (items, G_N_ELEMENTS (items)));
  g_variant_unref (items[0]);
  g_variant_unref (items[1]);
  return body;
}

typedef enum
{
  HOST_OLD,          /* does not take acquisitions from the hello */
  HOST_TAKES,        /* takes them, sends the description */
  HOST_LEAVES_OUT,   /* takes them, leaves the description out */
} FakeHost;

/* Plays a host that shares @thing as @name to a node that wants it before
 * it connects. Returns the node's replica once valid, or NULL when the
 * node dropped the connection. */
static RoReplica *
serve_by_hand (Fixture    *f,
               const char *name,
               FakeHost    kind,
               const char *expect_named)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();
  g_autofree char *path = g_build_filename (f->dir, "fake.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", path, NULL);
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new (path);
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_DEFAULT, NULL);
  g_autoptr(GSocket) raw = NULL;
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = ro_node_acquire_dynamic (node, name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) acquisitions = NULL;
  const char *named = NULL;
  RoMessage *message;

  g_assert_true (g_socket_bind (listener, address, TRUE, &error));
  g_assert_true (g_socket_listen (listener, &error));
  g_socket_set_blocking (listener, FALSE);
  g_assert_true (ro_node_connect_to_node (node, url, &error));
  WAIT_UNTIL ((raw = g_socket_accept (listener, NULL, NULL)) != NULL);
  g_unlink (path);

  /* The node names what it wants, with the signature it knows. */
  message = receive_message (raw);
  g_assert_cmpint (message->type, ==, RO_MESSAGE_HELLO);
  acquisitions = g_variant_lookup_value (message->body, RO_HELLO_ACQUIRE, G_VARIANT_TYPE ("a{ss}"));
  g_assert_nonnull (acquisitions);
  g_assert_true (g_variant_lookup (acquisitions, name, "&s", &named));
  g_assert_cmpstr (named, ==, expect_named);
  ro_message_free (message);

  if (kind == HOST_OLD)
    send_message (raw, raw_hello (NULL, NULL));
  else
    send_message (raw, raw_hello (RO_HELLO_FEATURES, g_variant_new_parsed ("['something-else', %s]",
                                                                           RO_FEATURE_HELLO_ACQUIRE)));
  message = ro_message_new (RO_MESSAGE_SOURCES);
  message->body = g_variant_ref_sink (g_variant_new_parsed ("[(%s, 'TestThing', %s)]", name,
                                                            ro_interface_info_get_signature (info)));
  send_message (raw, message);

  /* An old host gets the acquire it waits for. */
  if (kind == HOST_OLD)
    {
      message = receive_message (raw);
      g_assert_cmpint (message->type, ==, RO_MESSAGE_ACQUIRE);
      g_assert_cmpstr (message->name, ==, name);
      ro_message_free (message);
    }

  message = ro_message_new (RO_MESSAGE_SNAPSHOT);
  message->name = g_strdup (name);
  message->body = snapshot_body (G_OBJECT (f->thing), info, kind == HOST_LEAVES_OUT);
  send_message (raw, message);

  WAIT_UNTIL (ro_replica_is_valid (replica) || ro_node_get_peers (node)->len == 0);
  if (!ro_replica_is_valid (replica))
    return NULL;
  /* No acquire follows one the host took from the hello. */
  g_assert_true (nothing_pending (raw));
  return g_steal_pointer (&replica);
}

static void
assert_count (RoReplica *replica,
              int        expected)
{
  g_autoptr(GVariant) count = ro_replica_get_value (replica, "count");

  g_assert_cmpint (g_variant_get_int32 (count), ==, expected);
}

/* The node's side of acquiring in the hello, against hosts that do and
 * do not take it; a process names the signature it last saw. */
static void
test_acquire_in_hello_node (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(RoInterfaceInfo) info = thing_info ();
  const char *signature = ro_interface_info_get_signature (info);
  FakeHost kinds[] = { HOST_OLD, HOST_TAKES };

  test_thing_set_count (f->thing, 77);
  /* Names no other test acquires: nothing is known of them at first. */
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    {
      g_autofree char *name = g_strdup_printf ("Fresh%u", i);
      g_autoptr(RoReplica) first = serve_by_hand (f, name, kinds[i], "");
      g_autoptr(RoReplica) again = NULL;

      g_assert_nonnull (first);
      assert_count (first, 77);
      g_clear_object (&first);

      again = serve_by_hand (f, name, HOST_LEAVES_OUT, signature);
      g_assert_nonnull (again);
      assert_count (again, 77);
    }

  /* A description left out that the node never named breaks the protocol. */
  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING, "*Dropping*description is left out*");
  g_assert_null (serve_by_hand (f, "Unnamed", HOST_LEAVES_OUT, ""));
  g_test_assert_expected_messages ();
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add ("/Ro/Remote/acquire-async", Fixture, NULL, setup, test_acquire_async, teardown);
  g_test_add ("/Ro/Remote/follow-changes", Fixture, NULL, setup, test_follow_changes, teardown);
  g_test_add ("/Ro/Remote/call-sync", Fixture, NULL, setup, test_call_sync, teardown);
  g_test_add ("/Ro/Remote/typed-subclass", Fixture, NULL, setup, test_typed_subclass, teardown);
  g_test_add ("/Ro/Remote/signature-mismatch", Fixture, NULL, setup, test_signature_mismatch, teardown);
  g_test_add ("/Ro/Remote/dynamic", Fixture, NULL, setup, test_dynamic, teardown);
  g_test_add ("/Ro/Remote/type-per-signature", Fixture, NULL, setup, test_type_per_signature, teardown);
  g_test_add ("/Ro/Remote/method-errors", Fixture, NULL, setup, test_method_errors, teardown);
  g_test_add ("/Ro/Remote/atomic-group", Fixture, NULL, setup, test_atomic_group, teardown);
  g_test_add ("/Ro/Remote/blocking-runs-nothing-else", Fixture, NULL, setup, test_blocking_runs_nothing_else, teardown);
  g_test_add ("/Ro/Remote/version-mismatch", Fixture, NULL, setup, test_version_mismatch, teardown);
  g_test_add ("/Ro/Remote/broken-frame", Fixture, NULL, setup, test_broken_frame, teardown);
  g_test_add ("/Ro/Remote/max-frame-size", Fixture, NULL, setup, test_max_frame_size, teardown);
  g_test_add ("/Ro/Remote/local-value-past-limits", Fixture, NULL, setup, test_local_value_past_limits, teardown);
  g_test_add ("/Ro/Remote/local-value-not-canonical", Fixture, NULL, setup, test_local_value_not_canonical, teardown);
  g_test_add ("/Ro/Remote/socket-file-removed", Fixture, NULL, setup, test_socket_file_removed, teardown);
  g_test_add ("/Ro/Remote/authorize-peer", Fixture, NULL, setup, test_authorize_peer, teardown);
  g_test_add ("/Ro/Remote/limits", Fixture, NULL, setup, test_limits, teardown);
  g_test_add ("/Ro/Remote/invocation-rules", Fixture, NULL, setup, test_invocation_rules, teardown);
  g_test_add ("/Ro/Remote/slow-reader", Fixture, NULL, setup, test_slow_reader, teardown);
  g_test_add ("/Ro/Remote/call-flood-without-reading", Fixture, NULL, setup, test_call_flood_without_reading, teardown);
  g_test_add ("/Ro/Remote/acquire-in-hello", Fixture, NULL, setup, test_acquire_in_hello, teardown);
  g_test_add ("/Ro/Remote/acquire-in-hello-node", Fixture, NULL, setup, test_acquire_in_hello_node, teardown);
  g_test_add_func ("/Ro/Remote/socketpair", test_socketpair);

  return g_test_run ();
}
