/* test-repc-remote.c: generated sources and replicas, across processes
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The daemons share a Thermostat over a Unix socket in a temporary
 * directory: repc-generated-daemon a generated ThermostatSource subclass,
 * repc-plain-daemon a GObject written by hand. This process acquires
 * generated replicas (of thermostat.rep, and of thermostat-v2.rep for the
 * mismatch) and dynamic ones. Every type of types.rep travels both ways
 * in /Repc/Remote/all-types, with source and replica in this process.
 */

#include <glib/gstdio.h>

#include "thermostat.h"
#include "thermostat-v2.h"
#include "types.h"

#define WAIT_UNTIL(cond) \
  G_STMT_START { \
    gint64 _end = g_get_monotonic_time () + 15 * G_USEC_PER_SEC; \
    while (!(cond)) \
      { \
        if (g_get_monotonic_time () > _end) \
          g_error ("Timed out waiting for: %s", #cond); \
        g_main_context_iteration (NULL, TRUE); \
      } \
  } G_STMT_END

typedef struct
{
  char *dir;
  char *socket;
  GSubprocess *process;
  GOutputStream *in;
  GDataInputStream *out;
  char *url;
} Daemon;

static Daemon *
daemon_start (const char *program)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (REPC_TEST_BUILDDIR, program, NULL);
  g_autofree char *requested = NULL;
  g_autofree char *line = NULL;
  Daemon *d = g_new0 (Daemon, 1);

  d->dir = g_dir_make_tmp ("ro-repc-remote-XXXXXX", &error);
  g_assert_no_error (error);
  d->socket = g_build_filename (d->dir, "thermostat.sock", NULL);
  requested = g_strconcat ("unix:", d->socket, NULL);

  d->process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error,
                                 path, requested, NULL);
  g_assert_no_error (error);
  d->in = g_object_ref (g_subprocess_get_stdin_pipe (d->process));
  d->out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (d->process));

  line = g_data_input_stream_read_line_utf8 (d->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "READY "));
  d->url = g_strdup (line + strlen ("READY "));
  return d;
}

/* Sends one command and waits until the daemon ran it. */
static void
daemon_send (Daemon     *d,
             const char *command)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat (command, "\n", NULL);
  g_autofree char *done = NULL;

  g_output_stream_write_all (d->in, line, strlen (line), NULL, NULL, &error);
  g_assert_no_error (error);
  done = g_data_input_stream_read_line_utf8 (d->out, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (done, "DONE "));
}

static void
daemon_free (Daemon *d)
{
  g_subprocess_force_exit (d->process);
  g_subprocess_wait (d->process, NULL, NULL);
  g_object_unref (d->in);
  g_object_unref (d->out);
  g_object_unref (d->process);
  g_remove (d->socket);
  g_rmdir (d->dir);
  g_free (d->socket);
  g_free (d->dir);
  g_free (d->url);
  g_free (d);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Daemon, daemon_free)

static gboolean
tick_cb (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static RoNode *
node_for (Daemon *d)
{
  g_autoptr(GError) error = NULL;
  RoNode *node = ro_node_new ();

  g_assert_true (ro_node_connect_to_node (node, d->url, &error));
  g_assert_no_error (error);
  return node;
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *n)
{
  (*n)++;
}

typedef struct
{
  guint n;
  char *reason;
  double temperature;
} Overheats;

static void
overheat_cb (ThermostatReplica *replica,
             const char        *reason,
             double             temperature,
             Overheats         *seen)
{
  seen->n++;
  g_free (seen->reason);
  seen->reason = g_strdup (reason);
  seen->temperature = temperature;
}

static void
mode_switched_cb (ThermostatReplica *replica,
                  ThermostatMode     mode,
                  ThermostatMode    *seen)
{
  *seen = mode;
}

static void
heat_done_cb (GObject      *replica,
              GAsyncResult *result,
              gpointer      data)
{
  double *temperature = data;
  g_autoptr(GError) error = NULL;

  g_assert_true (thermostat_replica_call_heat_finish (THERMOSTAT_REPLICA (replica), result, temperature, &error));
  g_assert_no_error (error);
}

static gboolean
strv_is (char       **strv,
         const char  *joined)
{
  g_autofree char *text = strv != NULL ? g_strjoinv (",", strv) : NULL;

  g_strfreev (strv);
  return g_strcmp0 (text, joined) == 0;
}

static gboolean
room_is (ThermostatReplica *replica,
         const char        *room)
{
  g_autofree char *value = thermostat_replica_dup_room (replica);

  return g_strcmp0 (value, room) == 0;
}

/* A generated replica of a generated source in another process: typed
 * getters, notify, typed signals, typed calls, setters and pushes. */
static void
test_typed_replica (void)
{
  g_autoptr(Daemon) d = daemon_start ("repc-generated-daemon");
  g_autoptr(RoNode) node = node_for (d);
  g_autoptr(ThermostatReplica) replica = thermostat_replica_acquire (node, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *description = NULL;
  const char * const presets[] = { "eco", "comfort", NULL };
  Overheats seen = { 0, NULL, 0 };
  ThermostatMode switched = THERMOSTAT_MODE_OFF;
  ThermostatMode mode = THERMOSTAT_MODE_OFF;
  guint n_temperature = 0;
  double temperature = 0;

  /* A typed replica before the snapshot: the .rep defaults. */
  g_assert_true (THERMOSTAT_IS_REPLICA (replica));
  g_assert_cmpstr (ro_replica_get_name (RO_REPLICA (replica)), ==, "Thermostat");
  g_assert_cmpfloat (thermostat_replica_get_target (replica), ==, 21.5);

  g_assert_true (ro_replica_wait_for_source (RO_REPLICA (replica), 10000));
  g_assert_cmpint (ro_replica_get_state (RO_REPLICA (replica)), ==, RO_REPLICA_STATE_VALID);
  g_assert_cmpstr (ro_interface_info_get_signature (ro_replica_get_interface_info (RO_REPLICA (replica))), ==,
                   THERMOSTAT_INTERFACE_SIGNATURE);
  serial = thermostat_replica_dup_serial (replica);
  g_assert_cmpstr (serial, ==, "SN-7");
  g_assert_cmpfloat (thermostat_replica_get_temperature (replica), ==, 20.0);
  g_assert_true (room_is (replica, "kitchen"));
  g_assert_cmpint (thermostat_replica_get_mode (replica), ==, THERMOSTAT_MODE_HEAT);

  g_signal_connect (replica, "notify::temperature", G_CALLBACK (count_cb), &n_temperature);
  g_signal_connect (replica, "overheat", G_CALLBACK (overheat_cb), &seen);
  g_signal_connect (replica, "mode-switched", G_CALLBACK (mode_switched_cb), &switched);

  /* The snapshot's own notify may come first: wait_for_source() defers it. */
  daemon_send (d, "temp 25.5");
  WAIT_UNTIL (thermostat_replica_get_temperature (replica) == 25.5 && n_temperature > 0);

  daemon_send (d, "overheat boiling");
  WAIT_UNTIL (seen.n == 1);
  g_assert_cmpstr (seen.reason, ==, "boiling");
  g_assert_cmpfloat (seen.temperature, ==, 99);

  /* Typed calls, asynchronous and synchronous. */
  thermostat_replica_call_heat_async (replica, 1.5, NULL, heat_done_cb, &temperature);
  WAIT_UNTIL (temperature != 0);
  g_assert_cmpfloat (temperature, ==, 27.0);

  g_assert_true (thermostat_replica_call_heat_sync (replica, 5.0, 5000, NULL, &temperature, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (temperature, ==, 32.0);
  /* The values the source set before it replied are already here. */
  g_assert_cmpfloat (thermostat_replica_get_temperature (replica), ==, 32.0);
  WAIT_UNTIL (seen.n == 2);
  g_assert_cmpstr (seen.reason, ==, "too hot");

  g_assert_true (thermostat_replica_call_describe_sync (replica, "now", 5000, NULL, &description, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (description, ==, "now: kitchen 32.0");
  g_clear_pointer (&description, g_free);
  /* Nullable strings travel both ways. */
  g_assert_true (thermostat_replica_call_describe_sync (replica, NULL, 5000, NULL, &description, &error));
  g_assert_no_error (error);
  g_assert_null (description);

  g_assert_true (thermostat_replica_call_cycle_mode_sync (replica, 5000, NULL, &mode, &error));
  g_assert_no_error (error);
  g_assert_cmpint (mode, ==, THERMOSTAT_MODE_COOL);
  WAIT_UNTIL (switched == THERMOSTAT_MODE_COOL);
  WAIT_UNTIL (thermostat_replica_get_mode (replica) == THERMOSTAT_MODE_COOL);

  /* A slot returning nothing, called without asking for the reply. */
  thermostat_replica_call_reset_async (replica, NULL, NULL, NULL);
  WAIT_UNTIL (thermostat_replica_get_temperature (replica) == 20.0);
  g_assert_true (thermostat_replica_call_reset_sync (replica, 5000, NULL, &error));
  g_assert_no_error (error);

  /* READWRITE: setting pushes, and nothing changes until the source says so. */
  thermostat_replica_set_target (replica, 19.0);
  g_assert_cmpfloat (thermostat_replica_get_target (replica), ==, 21.5);
  WAIT_UNTIL (thermostat_replica_get_target (replica) == 19.0);
  thermostat_replica_set_mode (replica, THERMOSTAT_MODE_OFF);
  WAIT_UNTIL (thermostat_replica_get_mode (replica) == THERMOSTAT_MODE_OFF);
  thermostat_replica_set_presets (replica, presets);
  WAIT_UNTIL (strv_is (thermostat_replica_dup_presets (replica), "eco,comfort"));

  /* READPUSH: a push function, and no setter. */
  thermostat_replica_push_room (replica, "hall");
  WAIT_UNTIL (room_is (replica, "hall"));
  thermostat_replica_push_room (replica, NULL);
  WAIT_UNTIL (room_is (replica, NULL));

  g_free (seen.reason);
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

/* A generated source needs no generated replica. */
static void
test_dynamic_replica (void)
{
  g_autoptr(Daemon) d = daemon_start ("repc-generated-daemon");
  g_autoptr(RoNode) node = node_for (d);
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(RoReplica) plain = ro_node_acquire_dynamic (node, "Thermostat");
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GVariant) mode = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *room = NULL;
  const char *text = NULL;
  double temperature = 0;

  ro_node_acquire_async (node, "Thermostat", NULL, acquired_cb, &replica);
  WAIT_UNTIL (replica != NULL);
  g_assert_cmpstr (ro_interface_info_get_signature (ro_replica_get_interface_info (replica)), ==,
                   THERMOSTAT_INTERFACE_SIGNATURE);
  g_object_get (replica, "temperature", &temperature, "room", &room, NULL);
  g_assert_cmpfloat (temperature, ==, 20.0);
  g_assert_cmpstr (room, ==, "kitchen");

  result = ro_replica_call_sync (replica, "heat", g_variant_new ("(d)", 2.0), 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (result), ==, "(d)");
  g_clear_pointer (&result, g_variant_unref);

  result = ro_replica_call_sync (replica, "describe", g_variant_new ("(s)", "x"), 5000, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (result), ==, "(ms)");
  g_variant_get (result, "(m&s)", &text);
  g_assert_cmpstr (text, ==, "x: kitchen 22.0");

  g_assert_true (ro_replica_wait_for_source (plain, 5000));
  mode = ro_replica_get_value (plain, "mode");
  g_assert_cmpint (g_variant_get_int32 (mode), ==, THERMOSTAT_MODE_HEAT);
}

/* A hand-written GObject of the same interface satisfies a generated
 * replica. */
static void
test_plain_source (void)
{
  g_autoptr(Daemon) d = daemon_start ("repc-plain-daemon");
  g_autoptr(RoNode) node = node_for (d);
  g_autoptr(ThermostatReplica) replica = thermostat_replica_acquire (node, "Thermostat");
  g_autoptr(GError) error = NULL;
  g_autofree char *serial = NULL;
  g_autofree char *description = NULL;
  ThermostatMode switched = THERMOSTAT_MODE_OFF;
  ThermostatMode mode = THERMOSTAT_MODE_OFF;
  Overheats seen = { 0, NULL, 0 };
  double temperature = 0;

  g_assert_true (ro_replica_wait_for_source (RO_REPLICA (replica), 10000));
  g_assert_cmpint (ro_replica_get_state (RO_REPLICA (replica)), ==, RO_REPLICA_STATE_VALID);
  serial = thermostat_replica_dup_serial (replica);
  g_assert_cmpstr (serial, ==, "SN-7");

  g_signal_connect (replica, "overheat", G_CALLBACK (overheat_cb), &seen);
  g_signal_connect (replica, "mode-switched", G_CALLBACK (mode_switched_cb), &switched);
  daemon_send (d, "overheat plain");
  WAIT_UNTIL (seen.n == 1);
  g_assert_cmpstr (seen.reason, ==, "plain");

  g_assert_true (thermostat_replica_call_heat_sync (replica, 1.0, 5000, NULL, &temperature, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (temperature, ==, 21.0);
  g_assert_true (thermostat_replica_call_describe_sync (replica, "p", 5000, NULL, &description, &error));
  g_assert_cmpstr (description, ==, "plain p: kitchen");
  g_assert_true (thermostat_replica_call_cycle_mode_sync (replica, 5000, NULL, &mode, &error));
  g_assert_cmpint (mode, ==, THERMOSTAT_MODE_COOL);
  WAIT_UNTIL (switched == THERMOSTAT_MODE_COOL);

  thermostat_replica_push_room (replica, "cellar");
  WAIT_UNTIL (room_is (replica, "cellar"));
  thermostat_replica_set_target (replica, 18.5);
  WAIT_UNTIL (thermostat_replica_get_target (replica) == 18.5);

  g_free (seen.reason);
}

/* A replica generated from another version of the interface refuses the
 * source, and the warning says which members differ. */
static void
test_mismatch (void)
{
  g_autoptr(Daemon) d = daemon_start ("repc-generated-daemon");
  g_autoptr(RoNode) node = node_for (d);
  g_autoptr(ThermostatV2Replica) replica = NULL;

  g_test_expect_message ("Ro", G_LOG_LEVEL_WARNING,
                         "*expects interface signature " THERMOSTAT_V2_INTERFACE_SIGNATURE
                         "*source has " THERMOSTAT_INTERFACE_SIGNATURE "*");
  g_test_expect_message ("RoGenerated", G_LOG_LEVEL_WARNING,
                         "The source of “Thermostat” (TestThermostat) has another interface than "
                         "ThermostatV2Replica expects*"
                         "- property humidity i READONLY*"
                         "- property mode i READWRITE enum=ThermostatV2Mode*"
                         "- property target d READPUSH*"
                         "- method heat (d) (i)*"
                         "+ property mode i READWRITE enum=ThermostatMode*"
                         "+ property presets as READWRITE*"
                         "+ property target d READWRITE*"
                         "+ method heat (d) (d)*");

  replica = thermostat_v2_replica_acquire (node, "Thermostat");
  WAIT_UNTIL (ro_replica_get_state (RO_REPLICA (replica)) == RO_REPLICA_STATE_SIGNATURE_MISMATCH);
  g_assert_false (ro_replica_wait_for_source (RO_REPLICA (replica), 100));
  /* The warnings come with state-changed, from the main context. */
  for (int i = 0; i < 50; i++)
    g_main_context_iteration (NULL, FALSE);
  g_test_assert_expected_messages ();

  /* Its values stay the defaults of its .rep file. */
  g_assert_cmpfloat (thermostat_v2_replica_get_target (replica), ==, 21.5);
  g_assert_cmpint (thermostat_v2_replica_get_humidity (replica), ==, 0);
}

/* All types, both ways: a Gps source in this process, its replica over a
 * Unix socket. */

#define TEST_TYPE_GPS (test_gps_get_type ())
G_DECLARE_FINAL_TYPE (TestGps, test_gps, TEST, GPS, GpsSource)

struct _TestGps
{
  GpsSource parent_instance;
};

G_DEFINE_FINAL_TYPE (TestGps, test_gps, GPS_TYPE_SOURCE)

static gboolean
test_gps_set_enabled (GpsSource *gps,
                      gboolean   enabled)
{
  gboolean was = gps_source_get_enabled (gps);

  gps_source_set_enabled (gps, enabled);
  return was;
}

static gint
test_gps_add (GpsSource *gps,
              gint       a,
              gint       b)
{
  return a + b;
}

static char *
test_gps_describe (GpsSource  *gps,
                   const char *prefix,
                   gint        arg2)
{
  return g_strdup_printf ("%s%d", prefix, arg2);
}

static GBytes *
test_gps_dump (GpsSource *gps,
               gint64     from,
               guint64    count)
{
  char *data = g_malloc (count);

  for (guint64 i = 0; i < count; i++)
    data[i] = (char) ('a' + from + i);
  return g_bytes_new_take (data, count);
}

static char **
test_gps_split (GpsSource  *gps,
                const char *text)
{
  return g_strsplit (text, " ", -1);
}

static GVariant *
test_gps_echo (GpsSource *gps,
               GVariant  *value)
{
  return value != NULL ? g_variant_ref (value) : NULL;
}

static GVariant *
test_gps_move (GpsSource *gps,
               GVariant  *by,
               double     factor)
{
  return point_new ((gint) (point_get_x (by) * factor), (gint) (point_get_y (by) * factor));
}

static GpsFixStatus
test_gps_fix (GpsSource *gps)
{
  return GPS_FIX_STATUS_FIX3D;
}

static GVariant *
test_gps_settings_for (GpsSource    *gps,
                       GpsFixStatus  status,
                       Priority      priority)
{
  return g_variant_new_parsed ("{'status': <%i>, 'priority': <%i>}", (gint32) status, (gint32) priority);
}

static guint
test_gps_count (GpsSource          *gps,
                const char * const *items,
                GVariant           *more)
{
  return g_strv_length ((char **) items) + (guint) g_variant_n_children (more);
}

static void
test_gps_class_init (TestGpsClass *klass)
{
  GpsSourceClass *gps_class = GPS_SOURCE_CLASS (klass);

  gps_class->set_enabled = test_gps_set_enabled;
  gps_class->add = test_gps_add;
  gps_class->describe = test_gps_describe;
  gps_class->dump = test_gps_dump;
  gps_class->split = test_gps_split;
  gps_class->echo = test_gps_echo;
  gps_class->move = test_gps_move;
  gps_class->fix = test_gps_fix;
  gps_class->settings_for = test_gps_settings_for;
  gps_class->count = test_gps_count;
}

static void
test_gps_init (TestGps *self)
{
}

typedef struct
{
  guint n;
  char *text;
  GBytes *raw;
  char **parts;
  GVariant *from;
  GVariant *to;
  GVariant *why;
  gint64 a;
  guint64 b;
  GpsFixStatus status;
  Priority priority;
} GpsSeen;

static void
gps_seen_clear (GpsSeen *seen)
{
  g_free (seen->text);
  g_clear_pointer (&seen->raw, g_bytes_unref);
  g_strfreev (seen->parts);
  g_clear_pointer (&seen->from, g_variant_unref);
  g_clear_pointer (&seen->to, g_variant_unref);
  g_clear_pointer (&seen->why, g_variant_unref);
}

static void
message_cb (GpsReplica          *replica,
            const char          *text,
            GBytes              *raw,
            const char * const  *parts,
            GpsSeen             *seen)
{
  seen->n++;
  seen->text = g_strdup (text);
  seen->raw = g_bytes_ref (raw);
  seen->parts = g_strdupv ((char **) parts);
}

static void
moved_cb (GpsReplica *replica,
          GVariant   *from,
          GVariant   *to,
          GVariant   *why,
          GpsSeen    *seen)
{
  seen->n++;
  seen->from = g_variant_ref (from);
  seen->to = g_variant_ref (to);
  seen->why = g_variant_ref (why);
}

static void
counted_cb (GpsReplica *replica,
            gint64      a,
            guint64     b,
            guint       c,
            gboolean    d,
            double      e,
            GpsSeen    *seen)
{
  seen->n++;
  seen->a = a;
  seen->b = b;
  g_assert_cmpuint (c, ==, 3);
  g_assert_true (d);
  g_assert_cmpfloat (e, ==, 0.25);
}

static void
status_changed_cb (GpsReplica   *replica,
                   GpsFixStatus  status,
                   Priority      priority,
                   GpsSeen      *seen)
{
  seen->n++;
  seen->status = status;
  seen->priority = priority;
}

static gboolean
variant_is (GVariant   *value,
            const char *text)
{
  g_autofree char *printed = value != NULL ? g_variant_print (value, FALSE) : NULL;

  if (value != NULL)
    g_variant_unref (value);
  return g_strcmp0 (printed, text) == 0;
}

static gboolean
label_is (GpsReplica *replica,
          const char *label)
{
  g_autofree char *value = gps_replica_dup_label (replica);

  return g_strcmp0 (value, label) == 0;
}

static void
test_all_types (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("ro-repc-types-XXXXXX", &error);
  g_autofree char *socket = g_build_filename (dir, "gps.sock", NULL);
  g_autofree char *url = g_strconcat ("unix:", socket, NULL);
  g_autoptr(RoHost) host = ro_host_new (url, &error);
  g_autoptr(TestGps) gps = g_object_new (TEST_TYPE_GPS, "vendor", "Acme", "http-state", GPS_HTTP_STATE_BUSY, NULL);
  GpsSource *source = GPS_SOURCE (gps);
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(GpsReplica) replica = NULL;
  g_autoptr(GBytes) nmea = g_bytes_new_static ("$GPGGA", 6);
  g_autoptr(GBytes) got_bytes = NULL;
  g_autofree char *vendor = NULL;
  g_autofree char *text = NULL;
  g_auto(GStrv) strv = NULL;
  g_autoptr(GVariant) variant = NULL;
  const char * const constellations[] = { "gps", "glonass", NULL };
  const char * const items[] = { "a", "b", NULL };
  GpsSeen seen = { 0, };
  GpsFixStatus status = GPS_FIX_STATUS_NO_FIX;
  gboolean was = FALSE;
  gint sum = 0;
  guint count = 0;

  g_assert_no_error (error);
  g_assert_true (ro_host_enable_remoting (host, G_OBJECT (gps), NULL, &error));
  g_assert_no_error (error);
  g_assert_true (ro_node_connect_to_node (node, ro_host_get_url (host), &error));

  /* Values the source holds when the replica arrives. */
  gps_source_set_satellites_in_view (source, 9);
  gps_source_set_fix_status (source, GPS_FIX_STATUS_FIX2D);
  gps_source_set_nmea (source, nmea);
  gps_source_set_history (source, g_variant_new_parsed ("[<1>, <'two'>]"));
  gps_source_set_names (source, items);
  gps_source_set_track (source, g_variant_new_parsed ("[(1, 2), (3, 4)]"));

  replica = gps_replica_acquire (node, "TestGps");
  g_assert_true (ro_replica_wait_for_source (RO_REPLICA (replica), 10000));

  g_assert_cmpint (gps_replica_get_satellites_in_view (replica), ==, 9);
  g_assert_cmpint (gps_replica_get_fix_status (replica), ==, GPS_FIX_STATUS_FIX2D);
  g_assert_true (gps_replica_get_enabled (replica));
  g_assert_cmpuint (gps_replica_get_update_interval (replica), ==, 1000);
  g_assert_cmpint (gps_replica_get_uptime (replica), ==, G_GINT64_CONSTANT (-5000000000));
  g_assert_cmpuint (gps_replica_get_bytes_seen (replica), ==, G_GUINT64_CONSTANT (0xFFFFFFFFFF));
  g_assert_cmpfloat (gps_replica_get_latitude (replica), ==, -33.5);
  g_assert_cmpfloat (gps_replica_get_accuracy (replica), ==, 2.5);
  vendor = gps_replica_dup_vendor (replica);
  g_assert_cmpstr (vendor, ==, "Acme");
  g_assert_true (label_is (replica, NULL));
  got_bytes = gps_replica_dup_nmea (replica);
  g_assert_true (g_bytes_equal (got_bytes, nmea));
  g_assert_true (variant_is (gps_replica_dup_history (replica), "[<1>, <'two'>]"));
  g_assert_true (strv_is (gps_replica_dup_names (replica), "a,b"));
  g_assert_true (variant_is (gps_replica_dup_track (replica), "[(1, 2), (3, 4)]"));
  g_assert_null (gps_replica_dup_position (replica));
  g_assert_cmpint (gps_replica_get_priority (replica), ==, PRIORITY_HIGH);
  g_assert_cmpint (gps_replica_get_http_state (replica), ==, GPS_HTTP_STATE_BUSY);

  /* Setters and pushes of every kind of value. */
  gps_replica_set_enabled (replica, FALSE);
  gps_replica_set_update_interval (replica, 250);
  gps_replica_push_accuracy (replica, 0.5);
  gps_replica_set_constellations (replica, constellations);
  gps_replica_set_extra (replica, g_variant_new_int32 (42));
  gps_replica_set_channels (replica, g_variant_new_parsed ("[7, 8]"));
  gps_replica_set_position (replica, point_new (5, 6));
  gps_replica_set_priority (replica, PRIORITY_LOW);
  gps_replica_push_label (replica, "roof");
  gps_replica_push_settings (replica, g_variant_new_parsed ("{'rate': <10>}"));
  WAIT_UNTIL (label_is (replica, "roof"));
  g_assert_false (gps_replica_get_enabled (replica));
  g_assert_cmpuint (gps_replica_get_update_interval (replica), ==, 250);
  g_assert_cmpfloat (gps_replica_get_accuracy (replica), ==, 0.5);
  g_assert_true (strv_is (gps_replica_dup_constellations (replica), "gps,glonass"));
  g_assert_true (variant_is (gps_replica_dup_extra (replica), "42"));
  g_assert_true (variant_is (gps_replica_dup_channels (replica), "[7, 8]"));
  g_assert_true (variant_is (gps_replica_dup_position (replica), "(5, 6)"));
  g_assert_cmpint (gps_replica_get_priority (replica), ==, PRIORITY_LOW);
  g_assert_true (variant_is (gps_replica_dup_settings (replica), "{'rate': <10>}"));
  g_assert_cmpint (gps_source_get_priority (source), ==, PRIORITY_LOW);

  /* Calls with every kind of argument and result. */
  g_assert_true (gps_replica_call_set_enabled_sync (replica, TRUE, 5000, NULL, &was, &error));
  g_assert_false (was);
  g_assert_true (gps_replica_call_add_sync (replica, 40, 2, 5000, NULL, &sum, &error));
  g_assert_cmpint (sum, ==, 42);
  g_assert_true (gps_replica_call_describe_sync (replica, "n", 7, 5000, NULL, &text, &error));
  g_assert_cmpstr (text, ==, "n7");
  g_clear_pointer (&got_bytes, g_bytes_unref);
  g_assert_true (gps_replica_call_dump_sync (replica, 1, 3, 5000, NULL, &got_bytes, &error));
  g_assert_cmpmem (g_bytes_get_data (got_bytes, NULL), g_bytes_get_size (got_bytes), "bcd", 3);
  g_assert_true (gps_replica_call_split_sync (replica, "x y z", 5000, NULL, &strv, &error));
  g_assert_cmpuint (g_strv_length (strv), ==, 3);
  g_assert_true (gps_replica_call_echo_sync (replica, g_variant_new_string ("hi"), 5000, NULL, &variant, &error));
  g_assert_true (variant_is (g_steal_pointer (&variant), "'hi'"));
  g_assert_true (gps_replica_call_move_sync (replica, point_new (2, 3), 2.0, 5000, NULL, &variant, &error));
  g_assert_cmpint (point_get_x (variant), ==, 4);
  g_assert_cmpint (point_get_y (variant), ==, 6);
  g_clear_pointer (&variant, g_variant_unref);
  g_assert_true (gps_replica_call_fix_sync (replica, 5000, NULL, &status, &error));
  g_assert_cmpint (status, ==, GPS_FIX_STATUS_FIX3D);
  g_assert_true (gps_replica_call_settings_for_sync (replica, GPS_FIX_STATUS_FIX2D, PRIORITY_HIGH,
                                                     5000, NULL, &variant, &error));
  g_assert_true (variant_is (g_steal_pointer (&variant), "{'status': <1>, 'priority': <16>}"));
  g_assert_true (gps_replica_call_count_sync (replica, items, g_variant_new_parsed ("[<1>]"),
                                              5000, NULL, &count, &error));
  g_assert_cmpuint (count, ==, 3);
  /* A slot the source does not implement still replies. */
  g_test_expect_message ("RoGenerated", G_LOG_LEVEL_WARNING, "TestGps does not implement the slot “reset” of Gps");
  g_assert_true (gps_replica_call_reset_sync (replica, 5000, NULL, &error));
  g_assert_no_error (error);
  g_test_assert_expected_messages ();

  /* Signals with every kind of argument. */
  g_signal_connect (replica, "message", G_CALLBACK (message_cb), &seen);
  g_signal_connect (replica, "moved", G_CALLBACK (moved_cb), &seen);
  g_signal_connect (replica, "counted", G_CALLBACK (counted_cb), &seen);
  g_signal_connect (replica, "status-changed", G_CALLBACK (status_changed_cb), &seen);
  gps_source_emit_message (source, "hello", nmea, constellations);
  gps_source_emit_moved (source, point_new (0, 0), point_new (1, 1), g_variant_new_boolean (TRUE));
  gps_source_emit_counted (source, G_MININT64, G_MAXUINT64, 3, TRUE, 0.25);
  gps_source_emit_status_changed (source, GPS_FIX_STATUS_FIX3D, PRIORITY_LOW);
  WAIT_UNTIL (seen.n == 4);
  g_assert_cmpstr (seen.text, ==, "hello");
  g_assert_true (g_bytes_equal (seen.raw, nmea));
  g_assert_cmpstr (seen.parts[1], ==, "glonass");
  g_assert_true (variant_is (g_variant_ref (seen.from), "(0, 0)"));
  g_assert_true (variant_is (g_variant_ref (seen.to), "(1, 1)"));
  g_assert_true (variant_is (g_variant_ref (seen.why), "true"));
  g_assert_cmpint (seen.a, ==, G_MININT64);
  g_assert_cmpuint (seen.b, ==, G_MAXUINT64);
  g_assert_cmpint (seen.status, ==, GPS_FIX_STATUS_FIX3D);
  g_assert_cmpint (seen.priority, ==, PRIORITY_LOW);

  gps_seen_clear (&seen);
  g_clear_object (&replica);
  g_assert_true (ro_host_disable_remoting (host, "TestGps"));
  g_clear_object (&node);
  g_clear_object (&host);
  g_remove (socket);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_summary ("Generated sources and replicas across processes, with dynamic and hand-written peers");
  /* Keeps WAIT_UNTIL's blocking iterations from sleeping past a deadline. */
  g_timeout_add (50, tick_cb, NULL);

  g_test_add_func ("/Repc/Remote/typed-replica", test_typed_replica);
  g_test_add_func ("/Repc/Remote/dynamic-replica", test_dynamic_replica);
  g_test_add_func ("/Repc/Remote/plain-source", test_plain_source);
  g_test_add_func ("/Repc/Remote/mismatch", test_mismatch);
  g_test_add_func ("/Repc/Remote/all-types", test_all_types);

  return g_test_run ();
}
