/* bench-gdbus.c: the GDBus peer-to-peer baseline of ro-bench
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A GDBusServer (no bus daemon) exports /bench (org.ro.Bench: method Add,
 * signal Ping, property Value) and /wide (org.ro.Wide: BENCH_WIDE_PROPS
 * int properties) on every connection. A property change is a
 * PropertiesChanged signal; clients read it through a GDBusProxy's cache,
 * as a D-Bus program would. GDBus is used with its defaults.
 */

#include <stdlib.h>
#include <string.h>

#include "bench.h"

#define BENCH_XML \
  "<node>" \
  " <interface name='org.ro.Bench'>" \
  "  <method name='Add'>" \
  "   <arg type='i' name='a' direction='in'/>" \
  "   <arg type='i' name='b' direction='in'/>" \
  "   <arg type='i' name='sum' direction='out'/>" \
  "  </method>" \
  "  <signal name='Ping'><arg type='s' name='text'/></signal>" \
  "  <property type='i' name='Value' access='read'/>" \
  " </interface>" \
  "</node>"

typedef struct
{
  GDBusNodeInfo *bench_info;
  GDBusNodeInfo *wide_info;
  GPtrArray *connections;
  int value;
} GdbusServer;

static GDBusNodeInfo *
wide_info_new (void)
{
  g_autoptr(GString) xml = g_string_new ("<node><interface name='org.ro.Wide'>");
  g_autoptr(GError) error = NULL;
  GDBusNodeInfo *info;

  for (int i = 0; i < BENCH_WIDE_PROPS; i++)
    g_string_append_printf (xml, "<property type='i' name='P%03d' access='read'/>", i);
  g_string_append (xml, "</interface></node>");
  info = g_dbus_node_info_new_for_xml (xml->str, &error);
  g_assert_no_error (error);
  return info;
}

static void
method_call_cb (GDBusConnection       *connection,
                const char            *sender,
                const char            *object_path,
                const char            *interface_name,
                const char            *method_name,
                GVariant              *parameters,
                GDBusMethodInvocation *invocation,
                gpointer               data)
{
  gint32 a, b;

  g_variant_get (parameters, "(ii)", &a, &b);
  g_dbus_method_invocation_return_value (invocation, g_variant_new ("(i)", a + b));
}

static GVariant *
get_property_cb (GDBusConnection  *connection,
                 const char       *sender,
                 const char       *object_path,
                 const char       *interface_name,
                 const char       *property_name,
                 GError          **error,
                 gpointer          data)
{
  GdbusServer *server = data;

  if (g_str_equal (property_name, "Value"))
    return g_variant_new_int32 (server->value);
  return g_variant_new_int32 (atoi (property_name + 1));
}

static const GDBusInterfaceVTable vtable = { method_call_cb, get_property_cb, NULL, { 0 } };

static void
closed_cb (GDBusConnection *connection,
           gboolean         remote_peer_vanished,
           GError          *error,
           gpointer         data)
{
  GdbusServer *server = data;

  g_ptr_array_remove (server->connections, connection);
}

static gboolean
new_connection_cb (GDBusServer     *dbus_server,
                   GDBusConnection *connection,
                   gpointer         data)
{
  GdbusServer *server = data;
  g_autoptr(GError) error = NULL;

  if (!g_dbus_connection_register_object (connection, "/bench", server->bench_info->interfaces[0],
                                          &vtable, server, NULL, &error) ||
      !g_dbus_connection_register_object (connection, "/wide", server->wide_info->interfaces[0],
                                          &vtable, server, NULL, &error))
    {
      g_printerr ("ro-bench: gdbus: %s\n", error->message);
      return FALSE;
    }
  g_signal_connect (connection, "closed", G_CALLBACK (closed_cb), server);
  g_ptr_array_add (server->connections, g_object_ref (connection));
  return TRUE;
}

static void
gdbus_set_value (gpointer data,
                 int      value)
{
  GdbusServer *server = data;

  server->value = value;
  for (guint i = 0; i < server->connections->len; i++)
    {
      GVariantBuilder changed;

      g_variant_builder_init (&changed, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&changed, "{sv}", "Value", g_variant_new_int32 (value));
      g_dbus_connection_emit_signal (g_ptr_array_index (server->connections, i), NULL, "/bench",
                                     "org.freedesktop.DBus.Properties", "PropertiesChanged",
                                     g_variant_new ("(sa{sv}as)", "org.ro.Bench", &changed, NULL), NULL);
    }
}

static void
gdbus_emit_ping (gpointer    data,
                 const char *payload)
{
  GdbusServer *server = data;

  for (guint i = 0; i < server->connections->len; i++)
    g_dbus_connection_emit_signal (g_ptr_array_index (server->connections, i), NULL, "/bench",
                                   "org.ro.Bench", "Ping", g_variant_new ("(s)", payload), NULL);
}

int
bench_gdbus_server (const BenchArgs *args)
{
  static const BenchServerOps ops = { gdbus_set_value, gdbus_emit_ping, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *guid = g_dbus_generate_guid ();
  g_autoptr(GDBusServer) dbus_server = NULL;
  GdbusServer server = { 0 };

  server.bench_info = g_dbus_node_info_new_for_xml (BENCH_XML, &error);
  g_assert_no_error (error);
  server.wide_info = wide_info_new ();
  server.connections = g_ptr_array_new_with_free_func (g_object_unref);

  dbus_server = g_dbus_server_new_sync (args->url, G_DBUS_SERVER_FLAGS_AUTHENTICATION_ALLOW_ANONYMOUS,
                                        guid, NULL, NULL, &error);
  if (dbus_server == NULL)
    {
      g_printerr ("ro-bench: gdbus server: %s\n", error->message);
      return 1;
    }
  g_signal_connect (dbus_server, "new-connection", G_CALLBACK (new_connection_cb), &server);
  g_dbus_server_start (dbus_server);

  bench_print ("READY %s", g_dbus_server_get_client_address (dbus_server));
  bench_serve_stdin (&ops, &server);

  g_dbus_server_stop (dbus_server);
  g_ptr_array_unref (server.connections);
  g_dbus_node_info_unref (server.bench_info);
  g_dbus_node_info_unref (server.wide_info);
  return 0;
}

/* The clients */

static GDBusConnection *
connect_sync (const char *address)
{
  g_autoptr(GError) error = NULL;
  GDBusConnection *connection =
    g_dbus_connection_new_for_address_sync (address, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT,
                                            NULL, NULL, &error);

  if (connection == NULL)
    g_error ("ro-bench: gdbus: cannot connect to %s: %s", address, error->message);
  return connection;
}

static GDBusProxy *
proxy_sync (GDBusConnection *connection,
            const char      *path,
            const char      *interface)
{
  g_autoptr(GError) error = NULL;
  GDBusProxy *proxy = g_dbus_proxy_new_sync (connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, NULL,
                                             NULL, path, interface, NULL, &error);

  if (proxy == NULL)
    g_error ("ro-bench: gdbus: no proxy for %s: %s", path, error->message);
  return proxy;
}

static void
check_wide (GDBusProxy *proxy)
{
  g_autoptr(GVariant) last = g_dbus_proxy_get_cached_property (proxy, "P099");

  if (last == NULL || g_variant_get_int32 (last) != BENCH_WIDE_PROPS - 1)
    g_error ("ro-bench: gdbus: the wide proxy does not hold its values");
}

/* W1 */

static void
call_cb (GObject      *connection,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (connection), result, &error);
  gint32 sum;

  if (reply == NULL)
    g_error ("ro-bench: gdbus: Add failed: %s", error->message);
  g_variant_get (reply, "(i)", &sum);
  bench_calls_answered (data, sum);
}

static void
issue_call (BenchCalls *calls,
            int         i)
{
  g_dbus_connection_call (calls->stack, NULL, "/bench", "org.ro.Bench", "Add",
                          g_variant_new ("(ii)", i, 1), G_VARIANT_TYPE ("(i)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, call_cb, calls);
}

/* W2, W5 */

typedef struct
{
  int target;
  int last;
  guint received;
  guint distinct;
  gboolean in_order;
  gint64 t_first;
  gint64 t_last;
} Values;

static void
properties_changed_cb (GDBusProxy *proxy,
                       GVariant   *changed,
                       GStrv       invalidated,
                       gpointer    data)
{
  Values *values = data;
  gint32 v;

  if (!g_variant_lookup (changed, "Value", "i", &v))
    return;
  if (values->received++ == 0)
    values->t_first = g_get_monotonic_time ();
  if (v != values->last + 1)
    values->in_order = FALSE;
  if (v > values->last)
    values->distinct++;
  values->last = v;
  if (v == values->target)
    values->t_last = g_get_monotonic_time ();
}

static int
run_props (GDBusProxy      *proxy,
           const BenchArgs *args)
{
  Values values = { 0 };

  values.target = args->count;
  values.in_order = TRUE;
  g_signal_connect (proxy, "g-properties-changed", G_CALLBACK (properties_changed_cb), &values);
  bench_print ("READY");
  while (values.t_last == 0)
    g_main_context_iteration (NULL, TRUE);
  {
    g_autoptr(GVariant) cached = g_dbus_proxy_get_cached_property (proxy, "Value");

    if (cached == NULL || g_variant_get_int32 (cached) != args->count)
      g_error ("ro-bench: gdbus: the proxy's cache does not hold the last value");
  }
  bench_print ("RESULT received=%u distinct=%u in_order=%d last=%d t_first=%" G_GINT64_FORMAT
               " t_last=%" G_GINT64_FORMAT,
               values.received, values.distinct, values.in_order, values.last, values.t_first, values.t_last);
  return 0;
}

/* W3 */

typedef struct
{
  guint target;
  guint received;
  gboolean payload_ok;
  gint64 t_last;
} Pings;

static void
g_signal_cb (GDBusProxy *proxy,
             const char *sender,
             const char *signal_name,
             GVariant   *parameters,
             gpointer    data)
{
  Pings *pings = data;

  if (!g_str_equal (signal_name, "Ping"))
    return;
  if (pings->received++ == 0)
    {
      const char *text;

      g_variant_get (parameters, "(&s)", &text);
      pings->payload_ok = strlen (text) == BENCH_PAYLOAD_SIZE;
    }
  if (pings->received == pings->target)
    pings->t_last = g_get_monotonic_time ();
}

static int
run_signals (GDBusProxy      *proxy,
             const BenchArgs *args)
{
  Pings pings = { 0 };

  pings.target = args->count;
  g_signal_connect (proxy, "g-signal", G_CALLBACK (g_signal_cb), &pings);
  bench_print ("READY");
  while (pings.t_last == 0)
    g_main_context_iteration (NULL, TRUE);
  bench_print ("RESULT received=%u payload_ok=%d t_last=%" G_GINT64_FORMAT,
               pings.received, pings.payload_ok, pings.t_last);
  return 0;
}

/* W4 */

static int
run_acquire (const BenchArgs *args)
{
  g_autofree gint64 *times = g_new0 (gint64, args->repeat);
  gint64 first = 0;
  guint set = 0, total = 0;

  for (int i = 0; i < args->repeat; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      g_autoptr(GDBusConnection) connection = connect_sync (args->url);
      g_autoptr(GDBusProxy) proxy = proxy_sync (connection, "/wide", "org.ro.Wide");

      times[i] = g_get_monotonic_time () - t0;
      check_wide (proxy);
      if (i == 0)
        {
          first = times[0];
          bench_count_tcp_nodelay (&set, &total);
        }
      g_clear_object (&proxy);
      g_dbus_connection_close_sync (connection, NULL, NULL);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  qsort (times, args->repeat, sizeof (gint64), bench_compare_gint64);
  bench_print ("RESULT first_us=%" G_GINT64_FORMAT " median_us=%" G_GINT64_FORMAT " max_us=%" G_GINT64_FORMAT
               " nodelay=%u/%u",
               first, bench_percentile (times, args->repeat, 0.5), times[args->repeat - 1], set, total);
  return 0;
}

typedef struct
{
  GPtrArray *proxies;
  int pending;
} Many;

static void
proxy_ready_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  Many *many = data;
  g_autoptr(GError) error = NULL;
  GDBusProxy *proxy = g_dbus_proxy_new_finish (result, &error);

  if (proxy == NULL)
    g_error ("ro-bench: gdbus: no proxy: %s", error->message);
  check_wide (proxy);
  g_ptr_array_add (many->proxies, proxy);
  many->pending--;
}

static void
connection_ready_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  Many *many = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) connection = g_dbus_connection_new_for_address_finish (result, &error);

  if (connection == NULL)
    g_error ("ro-bench: gdbus: cannot connect: %s", error->message);
  g_dbus_proxy_new (connection, G_DBUS_PROXY_FLAGS_DO_NOT_AUTO_START, NULL, NULL, "/wide", "org.ro.Wide",
                    NULL, proxy_ready_cb, many);
}

static int
run_acquire_many (const BenchArgs *args)
{
  Many many = { g_ptr_array_new_with_free_func (g_object_unref), args->conns };
  guint64 rss_before, rss_after, hwm, anon;
  gint64 t0, elapsed;

  bench_read_memory (&rss_before, &hwm, &anon);
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < args->conns; i++)
    g_dbus_connection_new_for_address (args->url, G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT, NULL, NULL,
                                       connection_ready_cb, &many);
  while (many.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - t0;
  bench_read_memory (&rss_after, &hwm, &anon);
  bench_print ("RESULT elapsed_us=%" G_GINT64_FORMAT " rss_before=%" G_GUINT64_FORMAT
               " rss_after=%" G_GUINT64_FORMAT,
               elapsed, rss_before, rss_after);
  bench_wait_stdin_eof ();
  g_ptr_array_unref (many.proxies);
  return 0;
}

int
bench_gdbus_client (const BenchArgs *args)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GDBusProxy) proxy = NULL;

  if (g_str_equal (args->workload, "acquire"))
    return run_acquire (args);
  if (g_str_equal (args->workload, "acquire-many"))
    return run_acquire_many (args);
  if (g_str_equal (args->workload, "acquire-hold"))
    {
      connection = connect_sync (args->url);
      proxy = proxy_sync (connection, "/wide", "org.ro.Wide");
      check_wide (proxy);
      bench_print ("RESULT t_valid=%" G_GINT64_FORMAT, g_get_monotonic_time ());
      bench_wait_stdin_eof ();
      return 0;
    }

  connection = connect_sync (args->url);
  if (g_str_equal (args->workload, "call"))
    return bench_run_calls (args, "gdbus", issue_call, connection);

  proxy = proxy_sync (connection, "/bench", "org.ro.Bench");
  if (g_str_equal (args->workload, "props"))
    return run_props (proxy, args);
  if (g_str_equal (args->workload, "signals"))
    return run_signals (proxy, args);

  g_printerr ("ro-bench: unknown workload %s\n", args->workload);
  return 2;
}
