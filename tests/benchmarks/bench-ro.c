/* bench-ro.c: the libro-glib source and replica processes of ro-bench
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Only the public API: a host shares two plain GObjects, "Bench" (an int
 * property, a signal, a method) and "Wide" (BENCH_WIDE_PROPS int
 * properties); the replicas are acquired with ro_node_acquire_async().
 */

#include <stdlib.h>
#include <string.h>

#include <ro-glib/ro-glib.h>

#include "bench.h"

/* BenchThing: the source of W1, W2, W3 and W5 */

#define BENCH_TYPE_THING (bench_thing_get_type ())
G_DECLARE_FINAL_TYPE (BenchThing, bench_thing, BENCH, THING, GObject)

struct _BenchThing
{
  GObject parent_instance;
  int value;
};

G_DEFINE_FINAL_TYPE (BenchThing, bench_thing, G_TYPE_OBJECT)

enum { PROP_0, PROP_VALUE, N_PROPS };
static GParamSpec *thing_properties[N_PROPS];

enum { SIGNAL_PING, SIGNAL_ADD, N_SIGNALS };
static guint thing_signals[N_SIGNALS];

static void
bench_thing_set_value (BenchThing *self,
                       int         value)
{
  if (self->value == value)
    return;
  self->value = value;
  g_object_notify_by_pspec (G_OBJECT (self), thing_properties[PROP_VALUE]);
}

static void
bench_thing_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  BenchThing *self = BENCH_THING (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      g_value_set_int (value, self->value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
bench_thing_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  BenchThing *self = BENCH_THING (object);

  switch (prop_id)
    {
    case PROP_VALUE:
      bench_thing_set_value (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static int
bench_thing_add (BenchThing *self,
                 int         a,
                 int         b)
{
  return a + b;
}

static void
bench_thing_class_init (BenchThingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GType type = G_TYPE_FROM_CLASS (klass);

  object_class->get_property = bench_thing_get_property;
  object_class->set_property = bench_thing_set_property;

  thing_properties[PROP_VALUE] =
    g_param_spec_int ("value", NULL, NULL, G_MININT, G_MAXINT, 0,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, thing_properties);

  thing_signals[SIGNAL_PING] =
    g_signal_new ("ping", type, G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);
  thing_signals[SIGNAL_ADD] =
    g_signal_new_class_handler ("add", type, G_SIGNAL_RUN_LAST | G_SIGNAL_ACTION,
                                G_CALLBACK (bench_thing_add), NULL, NULL, NULL,
                                G_TYPE_INT, 2, G_TYPE_INT, G_TYPE_INT);
}

static void
bench_thing_init (BenchThing *self)
{
}

/* BenchWide: the source of W4, its properties made in a loop */

#define BENCH_TYPE_WIDE (bench_wide_get_type ())
G_DECLARE_FINAL_TYPE (BenchWide, bench_wide, BENCH, WIDE, GObject)

struct _BenchWide
{
  GObject parent_instance;
  int values[BENCH_WIDE_PROPS];
};

G_DEFINE_FINAL_TYPE (BenchWide, bench_wide, G_TYPE_OBJECT)

static void
bench_wide_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  BenchWide *self = BENCH_WIDE (object);

  if (prop_id >= 1 && prop_id <= BENCH_WIDE_PROPS)
    g_value_set_int (value, self->values[prop_id - 1]);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bench_wide_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  BenchWide *self = BENCH_WIDE (object);

  if (prop_id >= 1 && prop_id <= BENCH_WIDE_PROPS)
    {
      self->values[prop_id - 1] = g_value_get_int (value);
      g_object_notify_by_pspec (object, pspec);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
bench_wide_class_init (BenchWideClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = bench_wide_get_property;
  object_class->set_property = bench_wide_set_property;

  for (guint i = 0; i < BENCH_WIDE_PROPS; i++)
    {
      g_autofree char *name = g_strdup_printf ("p%03u", i);

      g_object_class_install_property (object_class, i + 1,
                                       g_param_spec_int (g_intern_string (name), NULL, NULL,
                                                         G_MININT, G_MAXINT, 0,
                                                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY |
                                                         G_PARAM_STATIC_STRINGS));
    }
}

static void
bench_wide_init (BenchWide *self)
{
  for (guint i = 0; i < BENCH_WIDE_PROPS; i++)
    self->values[i] = i;
}

/* The source process */

typedef struct
{
  BenchThing *thing;
  guint dropped;
} RoServer;

static void
ro_server_set_value (gpointer data,
                     int      value)
{
  RoServer *server = data;

  bench_thing_set_value (server->thing, value);
}

static void
ro_server_emit_ping (gpointer    data,
                     const char *payload)
{
  RoServer *server = data;

  g_signal_emit (server->thing, thing_signals[SIGNAL_PING], 0, payload);
}

static guint
ro_server_dropped (gpointer data)
{
  RoServer *server = data;

  return server->dropped;
}

/* Counts the host's "Dropping a peer" messages (a reader that stopped). */
static void
log_cb (const char     *domain,
        GLogLevelFlags  level,
        const char     *message,
        gpointer        data)
{
  RoServer *server = data;

  if (strstr (message, "Dropping a peer") != NULL)
    server->dropped++;
  g_log_default_handler (domain, level, message, NULL);
}

int
bench_ro_server (const BenchArgs *args)
{
  static const BenchServerOps ops = { ro_server_set_value, ro_server_emit_ping, ro_server_dropped };
  g_autoptr(GError) error = NULL;
  g_autoptr(RoHost) host = NULL;
  g_autoptr(BenchThing) thing = g_object_new (BENCH_TYPE_THING, NULL);
  g_autoptr(BenchWide) wide = g_object_new (BENCH_TYPE_WIDE, NULL);
  RoServer server = { thing, 0 };

  g_log_set_handler ("Ro", G_LOG_LEVEL_MESSAGE, log_cb, &server);

  host = ro_host_new (args->url, &error);
  if (host == NULL ||
      !ro_host_enable_remoting (host, G_OBJECT (thing), "Bench", &error) ||
      !ro_host_enable_remoting (host, G_OBJECT (wide), "Wide", &error))
    {
      g_printerr ("ro-bench: ro source: %s\n", error->message);
      return 1;
    }

  bench_print ("READY %s", ro_host_get_url (host));
  bench_serve_stdin (&ops, &server);
  return 0;
}

/* The replica processes */

typedef struct
{
  RoReplica *replica;
  GError *error;
  gboolean done;
} Acquire;

static void
acquired_cb (GObject      *node,
             GAsyncResult *result,
             gpointer      data)
{
  Acquire *acquire = data;

  acquire->replica = ro_node_acquire_finish (RO_NODE (node), result, &acquire->error);
  acquire->done = TRUE;
}

static void
start_acquire (RoNode     *node,
               const char *url,
               const char *name,
               Acquire    *acquire)
{
  g_autoptr(GError) error = NULL;

  if (!ro_node_connect_to_node (node, url, &error))
    g_error ("ro-bench: cannot connect to %s: %s", url, error->message);
  ro_node_acquire_async (node, name, NULL, acquired_cb, acquire);
}

static void
finish_acquire (Acquire *acquire)
{
  while (!acquire->done)
    g_main_context_iteration (NULL, TRUE);
  if (acquire->replica == NULL)
    g_error ("ro-bench: cannot acquire: %s", acquire->error->message);
  if (!ro_replica_is_valid (acquire->replica))
    g_error ("ro-bench: acquired, but not VALID");
}

static RoReplica *
acquire_blocking (RoNode     *node,
                  const char *url,
                  const char *name)
{
  Acquire acquire = { 0 };

  start_acquire (node, url, name, &acquire);
  finish_acquire (&acquire);
  return acquire.replica;
}

static void
check_wide (RoReplica *replica)
{
  g_autoptr(GVariant) last = ro_replica_get_value (replica, "p099");

  if (last == NULL || g_variant_get_int32 (last) != BENCH_WIDE_PROPS - 1)
    g_error ("ro-bench: the wide replica does not hold its values");
}

/* W1 */

static void
call_cb (GObject      *replica,
         GAsyncResult *result,
         gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = ro_replica_call_finish (RO_REPLICA (replica), result, &error);
  int sum;

  if (reply == NULL)
    g_error ("ro-bench: add failed: %s", error->message);
  g_variant_get (reply, "(i)", &sum);
  bench_calls_answered (data, sum);
}

static void
issue_call (BenchCalls *calls,
            int         i)
{
  ro_replica_call_async (calls->stack, "add", g_variant_new ("(ii)", i, 1), NULL, call_cb, calls);
}

static int
run_calls_sync (RoReplica       *replica,
                const BenchArgs *args)
{
  g_autofree gint64 *latencies = g_new0 (gint64, args->count);
  gint64 t_start = 0;

  for (int i = 0; i < args->warmup + args->count; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) reply = NULL;
      gint64 t = g_get_monotonic_time ();
      int sum;

      if (i == args->warmup)
        t_start = t;
      reply = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", i, 1), -1, NULL, &error);
      if (reply == NULL)
        g_error ("ro-bench: add failed: %s", error->message);
      g_variant_get (reply, "(i)", &sum);
      if (sum != i + 1)
        g_error ("ro-bench: add (%d, 1) returned %d", i, sum);
      if (i >= args->warmup)
        latencies[i - args->warmup] = g_get_monotonic_time () - t;
    }
  bench_print_latencies ("", latencies, args->count, g_get_monotonic_time () - t_start);
  return 0;
}

/* W2, W5: every value-changed::value, checked for order */

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
value_changed_cb (RoReplica  *replica,
                  const char *name,
                  GVariant   *value,
                  gpointer    data)
{
  Values *values = data;
  int v = g_variant_get_int32 (value);

  if (v == 0)
    return;  /* the snapshot's */
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
run_props (RoReplica       *replica,
           const BenchArgs *args)
{
  Values values = { 0 };

  values.target = args->count;
  values.in_order = TRUE;
  g_signal_connect (replica, "value-changed::value", G_CALLBACK (value_changed_cb), &values);
  bench_print ("READY");
  while (values.t_last == 0)
    g_main_context_iteration (NULL, TRUE);
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
remote_signal_cb (RoReplica  *replica,
                  const char *name,
                  GVariant   *args,
                  gpointer    data)
{
  Pings *pings = data;

  if (pings->received++ == 0)
    {
      g_autoptr(GVariant) text = g_variant_get_child_value (args, 0);

      if (g_variant_is_of_type (text, G_VARIANT_TYPE_MAYBE))
        {
          GVariant *inner = g_variant_get_maybe (text);

          g_variant_unref (text);
          text = inner;
        }
      pings->payload_ok = text != NULL && strlen (g_variant_get_string (text, NULL)) == BENCH_PAYLOAD_SIZE;
    }
  if (pings->received == pings->target)
    pings->t_last = g_get_monotonic_time ();
}

static int
run_signals (RoReplica       *replica,
             const BenchArgs *args)
{
  Pings pings = { 0 };

  pings.target = args->count;
  g_signal_connect (replica, "remote-signal::ping", G_CALLBACK (remote_signal_cb), &pings);
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
      g_autoptr(RoNode) node = ro_node_new ();
      g_autoptr(RoReplica) replica = acquire_blocking (node, args->url, "Wide");

      times[i] = g_get_monotonic_time () - t0;
      check_wide (replica);
      if (i == 0)
        {
          first = times[0];
          bench_count_tcp_nodelay (&set, &total);
        }
      g_clear_object (&replica);
      g_clear_object (&node);
      while (g_main_context_iteration (NULL, FALSE))
        ;
    }
  qsort (times, args->repeat, sizeof (gint64), bench_compare_gint64);
  bench_print ("RESULT first_us=%" G_GINT64_FORMAT " median_us=%" G_GINT64_FORMAT " max_us=%" G_GINT64_FORMAT
               " nodelay=%u/%u",
               first, bench_percentile (times, args->repeat, 0.5), times[args->repeat - 1], set, total);
  return 0;
}

static int
run_acquire_hold (const BenchArgs *args)
{
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = acquire_blocking (node, args->url, "Wide");

  check_wide (replica);
  bench_print ("RESULT t_valid=%" G_GINT64_FORMAT, g_get_monotonic_time ());
  bench_wait_stdin_eof ();
  return 0;
}

static int
run_acquire_many (const BenchArgs *args)
{
  g_autofree Acquire *acquires = g_new0 (Acquire, args->conns);
  g_autofree RoNode **nodes = g_new0 (RoNode *, args->conns);
  guint64 rss_before, rss_after, hwm, anon;
  gint64 t0;

  bench_read_memory (&rss_before, &hwm, &anon);
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < args->conns; i++)
    {
      nodes[i] = ro_node_new ();
      start_acquire (nodes[i], args->url, "Wide", &acquires[i]);
    }
  for (int i = 0; i < args->conns; i++)
    finish_acquire (&acquires[i]);
  {
    gint64 elapsed = g_get_monotonic_time () - t0;

    for (int i = 0; i < args->conns; i++)
      check_wide (acquires[i].replica);
    bench_read_memory (&rss_after, &hwm, &anon);
    bench_print ("RESULT elapsed_us=%" G_GINT64_FORMAT " rss_before=%" G_GUINT64_FORMAT
                 " rss_after=%" G_GUINT64_FORMAT,
                 elapsed, rss_before, rss_after);
  }
  bench_wait_stdin_eof ();
  for (int i = 0; i < args->conns; i++)
    {
      g_object_unref (acquires[i].replica);
      g_object_unref (nodes[i]);
    }
  return 0;
}

int
bench_ro_client (const BenchArgs *args)
{
  g_autoptr(RoNode) node = NULL;
  g_autoptr(RoReplica) replica = NULL;

  if (g_str_equal (args->workload, "acquire"))
    return run_acquire (args);
  if (g_str_equal (args->workload, "acquire-hold"))
    return run_acquire_hold (args);
  if (g_str_equal (args->workload, "acquire-many"))
    return run_acquire_many (args);

  node = ro_node_new ();
  replica = acquire_blocking (node, args->url, "Bench");

  if (g_str_equal (args->workload, "call"))
    return bench_run_calls (args, "ro", issue_call, replica);
  if (g_str_equal (args->workload, "call-sync"))
    return run_calls_sync (replica, args);
  if (g_str_equal (args->workload, "props"))
    return run_props (replica, args);
  if (g_str_equal (args->workload, "signals"))
    return run_signals (replica, args);
  if (g_str_equal (args->workload, "stall"))
    {
      /* Stops reading: the main context is not run again. */
      bench_print ("READY");
      bench_wait_stdin_eof ();
      return 0;
    }

  g_printerr ("ro-bench: unknown workload %s\n", args->workload);
  return 2;
}
