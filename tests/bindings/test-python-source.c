/* test-python-source.c: a C replica of a source written in Python
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Spawns python-source.py (a GObject subclass shared with Ro.Host through
 * PyGObject and the uninstalled typelib), reads the URL it bound from its
 * stdout and acquires its Lamp with ro_node_acquire_async(). Meson sets
 * RO_TEST_PYTHON to a python3 that has PyGObject and RO_TEST_PYTHON_SOURCE
 * to the script.
 */

#include <string.h>

#include <glib/gstdio.h>

#include <ro-glib/ro-glib.h>

#define TIMEOUT_S 20

/* Iterates the default context until @cond holds, failing after TIMEOUT_S. */
#define WAIT_UNTIL(cond)                                                       \
  G_STMT_START {                                                               \
    gint64 deadline_ = g_get_monotonic_time () + TIMEOUT_S * G_USEC_PER_SEC;   \
    guint tick_ = g_timeout_add (50, tick_cb, NULL);                           \
    while (!(cond))                                                            \
      {                                                                        \
        if (g_get_monotonic_time () > deadline_)                               \
          g_error ("timed out waiting for %s", #cond);                         \
        g_main_context_iteration (NULL, TRUE);                                 \
      }                                                                        \
    g_source_remove (tick_);                                                   \
  } G_STMT_END

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

typedef struct
{
  GSubprocess *python;
  GDataInputStream *out;
  char *tmpdir;
  char *url;
  RoNode *node;
  RoReplica *replica;
} Fixture;

static void
send_command (Fixture    *f,
              const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strdup_printf ("%s\n", command);
  GOutputStream *in = g_subprocess_get_stdin_pipe (f->python);

  g_output_stream_write_all (in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
acquired_cb (GObject      *node,
             GAsyncResult *result,
             gpointer      data)
{
  Fixture *f = data;
  g_autoptr(GError) error = NULL;

  f->replica = ro_node_acquire_finish (RO_NODE (node), result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (f->replica);
}

static void
set_up (Fixture       *f,
        gconstpointer  data)
{
  const char *transport = data;
  const char *python = g_getenv ("RO_TEST_PYTHON");
  const char *script = g_getenv ("RO_TEST_PYTHON_SOURCE");
  g_autoptr(GError) error = NULL;
  g_autofree char *line = NULL;
  g_autofree char *listen = NULL;

  if (python == NULL || *python == '\0' || script == NULL)
    {
      g_test_skip ("no python3 with PyGObject (python3-gi): RO_TEST_PYTHON is not set");
      return;
    }

  if (g_str_equal (transport, "unix"))
    {
      f->tmpdir = g_dir_make_tmp ("ro-python-XXXXXX", &error);
      g_assert_no_error (error);
      listen = g_strdup_printf ("unix:%s/lamp", f->tmpdir);
    }
  else
    listen = g_strdup ("tcp://127.0.0.1:0");

  f->python = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                                &error, python, script, listen, "Lamp", NULL);
  g_assert_no_error (error);
  f->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (f->python));

  /* "READY <url>", or EOF if the script failed (its stderr is in the log). */
  line = g_data_input_stream_read_line_utf8 (f->out, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line == NULL)
    {
      g_subprocess_wait (f->python, NULL, NULL);
      if (g_subprocess_get_if_exited (f->python) && g_subprocess_get_exit_status (f->python) == 77)
        g_test_skip ("python-source.py cannot load Ro-1.0 through PyGObject");
      else
        g_test_fail_printf ("python-source.py exited before it was ready");
      g_clear_object (&f->python);
      return;
    }
  g_assert_true (g_str_has_prefix (line, "READY "));
  f->url = g_strdup (line + strlen ("READY "));
  if (g_str_equal (transport, "tcp"))
    {
      g_assert_true (g_str_has_prefix (f->url, "tcp://127.0.0.1:"));
      g_assert_cmpstr (f->url, !=, "tcp://127.0.0.1:0");
    }
  else
    g_assert_cmpstr (f->url, ==, listen);

  f->node = ro_node_new ();
  g_assert_true (ro_node_connect_to_node (f->node, f->url, &error));
  g_assert_no_error (error);
  ro_node_acquire_async (f->node, "Lamp", NULL, acquired_cb, f);
  WAIT_UNTIL (f->replica != NULL);
}

static void
tear_down (Fixture       *f,
           gconstpointer  data)
{
  g_clear_object (&f->replica);
  g_clear_object (&f->node);
  if (f->python != NULL)
    {
      /* EOF on its stdin ends the script. */
      g_output_stream_close (g_subprocess_get_stdin_pipe (f->python), NULL, NULL);
      if (!g_subprocess_wait (f->python, NULL, NULL))
        g_subprocess_force_exit (f->python);
      g_assert_true (g_subprocess_get_if_exited (f->python));
      g_assert_cmpint (g_subprocess_get_exit_status (f->python), ==, 0);
    }
  g_clear_object (&f->out);
  g_clear_object (&f->python);
  if (f->tmpdir != NULL)
    g_rmdir (f->tmpdir);
  g_clear_pointer (&f->tmpdir, g_free);
  g_clear_pointer (&f->url, g_free);
}

static int
get_int (RoReplica  *replica,
         const char *property)
{
  int value = 0;

  g_object_get (replica, property, &value, NULL);
  return value;
}

static double
get_double (RoReplica  *replica,
            const char *property)
{
  double value = 0;

  g_object_get (replica, property, &value, NULL);
  return value;
}

/* Properties of the Python class are properties of the replica. */
static void
test_values (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *label = NULL;
  g_autoptr(GVariant) value = NULL;
  RoInterfaceInfo *info;
  int index;

  if (f->replica == NULL)
    return;

  g_assert_true (ro_replica_is_valid (f->replica));
  g_assert_cmpstr (ro_replica_get_name (f->replica), ==, "Lamp");
  g_assert_cmpint (get_int (f->replica, "brightness"), ==, 5);
  g_assert_cmpfloat (get_double (f->replica, "temperature"), ==, 21.5);
  g_object_get (f->replica, "label", &label, NULL);
  g_assert_cmpstr (label, ==, "desk");

  value = ro_replica_get_value (f->replica, "brightness");
  g_assert_cmpstr (g_variant_get_type_string (value), ==, "i");
  g_assert_cmpint (g_variant_get_int32 (value), ==, 5);

  /* Read-write Python properties can be pushed; the getter-only one cannot. */
  info = ro_replica_get_interface_info (f->replica);
  g_assert_cmpstr (ro_interface_info_get_name (info), ==, "PyLamp");
  index = ro_interface_info_lookup_property (info, "brightness");
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (ro_interface_info_get_property_mode (info, index), ==, RO_PROPERTY_MODE_READWRITE);
  index = ro_interface_info_lookup_property (info, "temperature");
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpint (ro_interface_info_get_property_mode (info, index), ==, RO_PROPERTY_MODE_READONLY);
  index = ro_interface_info_lookup_signal (info, "blinked");
  g_assert_cmpint (index, >=, 0);
  g_assert_cmpstr (g_variant_type_peek_string (ro_interface_info_get_signal_arg_types (info, index)), ==, "(msi)");
  index = ro_interface_info_lookup_method (info, "dim");
  g_assert_cmpint (index, >=, 0);
  g_assert_true (ro_interface_info_get_method_takes_invocation (info, index));
  g_assert_cmpint (ro_interface_info_lookup_method (info, "add"), >=, 0);
  g_assert_cmpint (ro_interface_info_lookup_method (info, "describe"), >=, 0);
  g_assert_cmpint (ro_interface_info_lookup_method (info, "refuse"), >=, 0);
}

static void
notify_cb (GObject    *object,
           GParamSpec *pspec,
           guint      *n)
{
  (*n)++;
}

/* Changes made by Python reach the replica as notify::. */
static void
test_notify (Fixture       *f,
             gconstpointer  data)
{
  guint n_brightness = 0, n_temperature = 0;

  if (f->replica == NULL)
    return;

  g_signal_connect (f->replica, "notify::brightness", G_CALLBACK (notify_cb), &n_brightness);
  g_signal_connect (f->replica, "notify::temperature", G_CALLBACK (notify_cb), &n_temperature);

  send_command (f, "brightness 9");
  WAIT_UNTIL (n_brightness == 1);
  g_assert_cmpint (get_int (f->replica, "brightness"), ==, 9);

  send_command (f, "temp 30.25");
  WAIT_UNTIL (n_temperature == 1);
  g_assert_cmpfloat (get_double (f->replica, "temperature"), ==, 30.25);

  /* A push to a READWRITE property sets it on the Python object. */
  g_object_set (f->replica, "brightness", 42, NULL);
  WAIT_UNTIL (n_brightness == 2);
  g_assert_cmpint (get_int (f->replica, "brightness"), ==, 42);
}

typedef struct
{
  guint n;
  char *text;
  int times;
} Blinks;

static void
blinked_cb (GObject    *replica,
            const char *text,
            int         times,
            Blinks     *blinks)
{
  blinks->n++;
  g_free (blinks->text);
  blinks->text = g_strdup (text);
  blinks->times = times;
}

/* A signal Python emits is a signal of the replica. */
static void
test_signal (Fixture       *f,
             gconstpointer  data)
{
  Blinks blinks = { 0, NULL, 0 };

  if (f->replica == NULL)
    return;

  g_signal_connect (f->replica, "blinked", G_CALLBACK (blinked_cb), &blinks);
  send_command (f, "blink twice");
  WAIT_UNTIL (blinks.n == 1);
  g_assert_cmpstr (blinks.text, ==, "twice");
  g_assert_cmpint (blinks.times, ==, 3);
  g_free (blinks.text);
}

static void
called_cb (GObject      *replica,
           GAsyncResult *result,
           gpointer      data)
{
  GVariant **reply = data;
  g_autoptr(GError) error = NULL;

  *reply = ro_replica_call_finish (RO_REPLICA (replica), result, &error);
  g_assert_no_error (error);
}

static void
failed_cb (GObject      *replica,
           GAsyncResult *result,
           gpointer      data)
{
  GError **error = data;
  g_autoptr(GVariant) reply = ro_replica_call_finish (RO_REPLICA (replica), result, error);

  g_assert_null (reply);
}

/* Python class handlers of action signals answer calls. */
static void
test_methods (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GVariant) sum = NULL;
  g_autoptr(GVariant) dimmed = NULL;
  g_autoptr(GVariant) described = NULL;
  g_autoptr(GError) error = NULL;
  const char *text = NULL;
  double brightness = 0;
  int n = 0;

  if (f->replica == NULL)
    return;

  ro_replica_call_async (f->replica, "add", g_variant_new ("(ii)", 2, 40), NULL, called_cb, &sum);
  WAIT_UNTIL (sum != NULL);
  g_assert_cmpstr (g_variant_get_type_string (sum), ==, "(i)");
  g_variant_get (sum, "(i)", &n);
  g_assert_cmpint (n, ==, 42);

  /* The handler keeps the RoInvocation and replies from a timeout. */
  ro_replica_call_async (f->replica, "dim", g_variant_new ("(d)", 2.0), NULL, called_cb, &dimmed);
  WAIT_UNTIL (dimmed != NULL);
  g_variant_get (dimmed, "(d)", &brightness);
  g_assert_cmpfloat (brightness, ==, 3);
  WAIT_UNTIL (get_int (f->replica, "brightness") == 3);

  /* Python strings are nullable: a plain "s" is accepted for "ms". */
  described = ro_replica_call_sync (f->replica, "describe", g_variant_new ("(s)", "on"), 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (described), ==, "(ms)");
  g_variant_get (described, "(m&s)", &text);
  g_assert_cmpstr (text, ==, "desk: on");

  /* ro_invocation_return_gerror() from Python: RO_ERROR_REMOTE, message kept. */
  ro_replica_call_async (f->replica, "refuse", g_variant_new ("(s)", "too late"), NULL, failed_cb, &error);
  WAIT_UNTIL (error != NULL);
  g_assert_error (error, RO_ERROR, RO_ERROR_REMOTE);
  g_assert_nonnull (strstr (error->message, "refused: too late"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("A C replica acquires a source written in Python with PyGObject");

  g_test_add ("/Ro/Bindings/python-source/values/tcp", Fixture, "tcp", set_up, test_values, tear_down);
  g_test_add ("/Ro/Bindings/python-source/values/unix", Fixture, "unix", set_up, test_values, tear_down);
  g_test_add ("/Ro/Bindings/python-source/notify", Fixture, "tcp", set_up, test_notify, tear_down);
  g_test_add ("/Ro/Bindings/python-source/signal", Fixture, "unix", set_up, test_signal, tear_down);
  g_test_add ("/Ro/Bindings/python-source/methods", Fixture, "tcp", set_up, test_methods, tear_down);

  return g_test_run ();
}
