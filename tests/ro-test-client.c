/* ro-test-client.c: a replica process for the fault and soak tests
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-test-client URL call-and-wait
 *   ro-test-client URL soak SECONDS SEED
 *   ro-test-client URL follow
 *
 * All acquire the "Thing" shared at URL (by ro-test-daemon, or for follow
 * by the test itself) and end when their stdin closes (or after a safety
 * limit), so that a test that dies leaves nothing behind.
 *
 * call-and-wait calls wait-cancel, which the source never answers, and
 * prints "CALLING" once the host holds that call; then it waits to be
 * killed.
 *
 * soak makes mixed traffic for SECONDS on four replicas in two nodes (two
 * connections): calls of add with known answers, echo-later, wait-cancel
 * cancelled after a moment, and pushes to count; every call is accounted
 * for. The random choices come from SEED. Commands on stdin, one a line:
 *   stop                     stop the traffic; once every call made was
 *                            answered, or after 30 s, print
 *                            "STOPPED made=N pending=N"
 *   check COUNT TEMP SEQ     wait until every replica is VALID with these
 *                            count and temperature, and its last overheat
 *                            was "sSEQ"; print "CHECK ok ..." or, after
 *                            20 s, "CHECK mismatch ..."
 *   quit                     print "ACCOUNT key=value..." and exit
 * The test daemon's overheat signals carry "sN", N rising by one: each
 * replica counts those that arrive out of order or after a gap.
 *
 * follow holds one replica and counts what reaches it: every value of
 * count (value-changed, one a value received, snapshots included), values
 * lower than the one before, overheat signals ("sN" as above, text after
 * the number ignored), and VALID -> SUSPECT transitions. It prints "READY"
 * once the replica is VALID. Commands on stdin, one a line, each answered
 * with one line "WORD ok|timeout value=... values=... lower=... signals=...
 * last-seq=... gaps=... out-of-order=... suspects=... state=...", at once
 * for report, else once the condition holds or after 20 s:
 *   count N       count is N
 *   seq N         the last overheat was sN
 *   valid-again   the replica went SUSPECT and is VALID again
 *   report
 * The next command is read once the last one was answered.
 */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gio/gunixinputstream.h>

#include <ro-glib/ro-glib.h>

#define N_NODES          2
#define N_REPLICAS       4    /* replica i is in node i / 2 */
#define MAX_OUTSTANDING  32
#define TICK_MS          10
#define CHECK_TIMEOUT_S  20
#define STOP_TIMEOUT_S   30

typedef enum {
  CALL_ADD,
  CALL_ECHO,
  CALL_CANCELLED,
} CallKind;

typedef struct
{
  CallKind kind;
  int sum;
  char *text;
} Pending;

/* What the numbered overheat signals (reason "sN…") said of their order. */
typedef struct
{
  gint64 last;                /* -1 before the first */
  guint out_of_order;
  guint gaps;
} SeqCount;

typedef struct
{
  RoReplica *replica;
  SeqCount seq;
} Watched;

typedef struct
{
  const char *url;
  RoNode *nodes[N_NODES];
  Watched replicas[N_REPLICAS];
  guint n_acquired;
  GRand *rand;
  GDataInputStream *input;
  GMainLoop *loop;
  gboolean ready_printed;

  GHashTable *pending;        /* id -> Pending */
  gsize next_id;
  guint64 made;
  guint64 answered;
  guint64 correct;
  guint64 cancelled;
  guint64 wrong;
  guint64 duplicates;
  guint64 disconnected;
  guint64 failed;
  guint64 pushes;
  guint64 sync_calls;

  gint64 traffic_end;
  gboolean stopping;
  gboolean stopped_printed;

  /* A check in progress */
  gboolean checking;
  gint64 check_end;
  int want_count;
  double want_temperature;
  gint64 want_seq;
} Client;

static Client client;

static void
pending_free (Pending *p)
{
  g_free (p->text);
  g_free (p);
}

static void
say (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static void
say (const char *format,
     ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

/* Accounts for the one answer of call @id. */
static void
account (gsize         id,
         GVariant     *result,
         const GError *error)
{
  Pending *p = g_hash_table_lookup (client.pending, GSIZE_TO_POINTER (id));

  if (p == NULL)
    {
      g_printerr ("ro-test-client: call %" G_GSIZE_FORMAT " answered twice\n", id);
      client.duplicates++;
      return;
    }
  client.answered++;

  if (error != NULL)
    {
      if (p->kind == CALL_CANCELLED && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        client.cancelled++;
      else if (g_error_matches (error, RO_ERROR, RO_ERROR_DISCONNECTED))
        client.disconnected++;
      else
        {
          g_printerr ("ro-test-client: call %" G_GSIZE_FORMAT " failed: %s\n", id, error->message);
          client.failed++;
        }
    }
  else
    {
      gboolean right = FALSE;

      if (p->kind == CALL_ADD && g_variant_is_of_type (result, G_VARIANT_TYPE ("(i)")))
        {
          int sum;

          g_variant_get (result, "(i)", &sum);
          right = sum == p->sum;
        }
      else if (p->kind == CALL_ECHO && g_variant_is_of_type (result, G_VARIANT_TYPE ("(ms)")))
        {
          const char *text = NULL;

          g_variant_get (result, "(m&s)", &text);
          right = g_strcmp0 (text, p->text) == 0;
        }
      if (right)
        client.correct++;
      else
        {
          g_autofree char *printed = g_variant_print (result, TRUE);

          g_printerr ("ro-test-client: call %" G_GSIZE_FORMAT " got a wrong answer %s\n", id, printed);
          client.wrong++;
        }
    }
  g_hash_table_remove (client.pending, GSIZE_TO_POINTER (id));
}

static gsize
track (CallKind    kind,
       int         sum,
       const char *text)
{
  Pending *p = g_new0 (Pending, 1);
  gsize id = ++client.next_id;

  p->kind = kind;
  p->sum = sum;
  p->text = g_strdup (text);
  g_hash_table_insert (client.pending, GSIZE_TO_POINTER (id), p);
  client.made++;
  return id;
}

static void maybe_print_stopped (void);

static void
call_done_cb (GObject      *replica,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value = ro_replica_call_finish (RO_REPLICA (replica), result, &error);

  if (value == NULL && error == NULL)
    {
      g_printerr ("ro-test-client: call_finish gave neither a value nor an error\n");
      client.failed++;
    }
  account (GPOINTER_TO_SIZE (data), value, error);
  maybe_print_stopped ();
}

static gboolean
cancel_cb (gpointer data)
{
  g_cancellable_cancel (data);
  return G_SOURCE_REMOVE;
}

static void
make_call (RoReplica *replica,
           gboolean   barrier)
{
  guint choice = barrier ? 0 : g_rand_int_range (client.rand, 0, 100);

  if (choice < 45)
    {
      int a = g_rand_int_range (client.rand, -1000000, 1000000);
      int b = g_rand_int_range (client.rand, -1000000, 1000000);
      gsize id = track (CALL_ADD, a + b, NULL);

      ro_replica_call_async (replica, "add", g_variant_new ("(ii)", a, b), NULL,
                             call_done_cb, GSIZE_TO_POINTER (id));
    }
  else if (choice < 50)
    {
      /* Blocking: other messages wait in their queue meanwhile. */
      int a = g_rand_int_range (client.rand, -1000, 1000);
      gsize id = track (CALL_ADD, a + 7, NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(GVariant) result = NULL;

      client.sync_calls++;
      result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", a, 7), 30000, NULL, &error);
      account (id, result, error);
    }
  else if (choice < 62)
    {
      g_autofree char *text = g_strdup_printf ("echo-%u", g_rand_int (client.rand));
      gsize id = track (CALL_ECHO, 0, text);

      ro_replica_call_async (replica, "echo-later", g_variant_new ("(ms)", text), NULL,
                             call_done_cb, GSIZE_TO_POINTER (id));
    }
  else if (choice < 67)
    {
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      gsize id = track (CALL_CANCELLED, 0, NULL);

      ro_replica_call_async (replica, "wait-cancel", NULL, cancellable,
                             call_done_cb, GSIZE_TO_POINTER (id));
      g_timeout_add_full (G_PRIORITY_DEFAULT, g_rand_int_range (client.rand, 0, 30), cancel_cb,
                          g_object_ref (cancellable), g_object_unref);
    }
  else
    {
      ro_replica_push_value (replica, "count", g_variant_new_int32 (g_rand_int_range (client.rand, 0, 1000000)));
      client.pushes++;
    }
}

static gboolean
tick_cb (gpointer data)
{
  if (client.stopping || g_get_monotonic_time () > client.traffic_end)
    return G_SOURCE_CONTINUE;

  for (int i = 0; i < 2 && g_hash_table_size (client.pending) < MAX_OUTSTANDING; i++)
    make_call (client.replicas[g_rand_int_range (client.rand, 0, N_REPLICAS)].replica, FALSE);
  return G_SOURCE_CONTINUE;
}

static void
print_stopped (void)
{
  client.stopped_printed = TRUE;
  say ("STOPPED made=%" G_GUINT64_FORMAT " pending=%u", client.made, g_hash_table_size (client.pending));
}

static void
maybe_print_stopped (void)
{
  if (client.stopping && !client.stopped_printed && g_hash_table_size (client.pending) == 0)
    print_stopped ();
}

/* Calls that never get their answer are reported, not waited for. */
static gboolean
stop_timeout_cb (gpointer data)
{
  if (!client.stopped_printed)
    print_stopped ();
  return G_SOURCE_REMOVE;
}

/* Counts the signal's number into @count; FALSE for a signal without one.
 * With @from_start, numbers are expected from 0 on, so a first one above 0
 * is a gap too. */
static gboolean
seq_count (SeqCount *count,
           GVariant *args,
           gboolean  from_start)
{
  const char *reason = NULL;
  double temperature;
  gint64 seq;

  /* GObject strings are nullable: they travel as "ms". */
  g_variant_get (args, "(m&sd)", &reason, &temperature);
  if (reason == NULL || reason[0] != 's')
    return FALSE;
  seq = g_ascii_strtoll (reason + 1, NULL, 10);
  if (count->last >= 0 && seq <= count->last)
    count->out_of_order++;
  else if ((count->last >= 0 || from_start) && seq != count->last + 1)
    count->gaps++;
  count->last = seq;
  return TRUE;
}

static void
overheat_cb (RoReplica  *replica,
             const char *name,
             GVariant   *args,
             Watched    *watched)
{
  seq_count (&watched->seq, args, FALSE);
}

static char *
describe (Watched *w)
{
  g_autoptr(GVariant) count = ro_replica_get_value (w->replica, "count");
  g_autoptr(GVariant) temperature = ro_replica_get_value (w->replica, "temperature");
  g_autoptr(GVariant) room = ro_replica_get_value (w->replica, "room");
  g_autofree char *c = count != NULL ? g_variant_print (count, FALSE) : g_strdup ("-");
  g_autofree char *t = temperature != NULL ? g_variant_print (temperature, FALSE) : g_strdup ("-");
  g_autofree char *r = room != NULL ? g_variant_print (room, FALSE) : g_strdup ("-");

  return g_strdup_printf ("state=%d,count=%s,temperature=%s,room=%s,seq=%" G_GINT64_FORMAT,
                          ro_replica_get_state (w->replica), c, t, r, w->seq.last);
}

/* Nullable GObject strings travel as "ms". */
static gboolean
is_string (GVariant   *value,
           const char *want)
{
  g_autoptr(GVariant) child = NULL;

  if (value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    value = child = g_variant_get_maybe (value);
  return value != NULL && g_variant_is_of_type (value, G_VARIANT_TYPE_STRING) &&
         g_str_equal (g_variant_get_string (value, NULL), want);
}

static gboolean
matches (Watched *w)
{
  g_autoptr(GVariant) count = ro_replica_get_value (w->replica, "count");
  g_autoptr(GVariant) temperature = ro_replica_get_value (w->replica, "temperature");
  g_autoptr(GVariant) room = ro_replica_get_value (w->replica, "room");
  g_autoptr(GVariant) serial = ro_replica_get_value (w->replica, "serial");

  return ro_replica_get_state (w->replica) == RO_REPLICA_STATE_VALID &&
         count != NULL && g_variant_get_int32 (count) == client.want_count &&
         temperature != NULL && g_variant_get_double (temperature) == client.want_temperature &&
         /* Nobody changes these. */
         is_string (room, "kitchen") && is_string (serial, "SN-1") &&
         w->seq.last == client.want_seq;
}

static gboolean
check_cb (gpointer data)
{
  g_autoptr(GString) line = g_string_new (NULL);
  gboolean all = TRUE;

  if (!client.checking)
    return G_SOURCE_REMOVE;

  for (guint i = 0; i < N_REPLICAS; i++)
    all = all && matches (&client.replicas[i]);
  if (!all && g_get_monotonic_time () < client.check_end)
    return G_SOURCE_CONTINUE;

  g_string_append (line, all ? "CHECK ok" : "CHECK mismatch");
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      g_autofree char *d = describe (&client.replicas[i]);

      g_string_append_printf (line, " r%u:%s", i, d);
    }
  say ("%s", line->str);
  client.checking = FALSE;
  return G_SOURCE_REMOVE;
}

static void
print_account (void)
{
  guint out_of_order = 0, gaps = 0;

  for (guint i = 0; i < N_REPLICAS; i++)
    {
      out_of_order += client.replicas[i].seq.out_of_order;
      gaps += client.replicas[i].seq.gaps;
    }
  say ("ACCOUNT made=%" G_GUINT64_FORMAT " answered=%" G_GUINT64_FORMAT " correct=%" G_GUINT64_FORMAT
       " cancelled=%" G_GUINT64_FORMAT " wrong=%" G_GUINT64_FORMAT " duplicates=%" G_GUINT64_FORMAT
       " disconnected=%" G_GUINT64_FORMAT " failed=%" G_GUINT64_FORMAT " pending=%u pushes=%" G_GUINT64_FORMAT
       " sync=%" G_GUINT64_FORMAT " out-of-order=%u gaps=%u",
       client.made, client.answered, client.correct, client.cancelled, client.wrong, client.duplicates,
       client.disconnected, client.failed, g_hash_table_size (client.pending), client.pushes,
       client.sync_calls, out_of_order, gaps);
}

static void read_command (void);

static void
command_cb (GObject      *stream,
            GAsyncResult *result,
            gpointer      data)
{
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result, NULL, NULL);
  g_auto(GStrv) words = NULL;

  if (line == NULL || g_str_equal (line, "quit"))
    {
      print_account ();
      g_main_loop_quit (client.loop);
      return;
    }

  words = g_strsplit (line, " ", -1);
  if (g_str_equal (words[0], "stop"))
    {
      client.stopping = TRUE;
      /* Every push made before reached the source once these answer. */
      for (guint i = 0; i < N_REPLICAS; i++)
        make_call (client.replicas[i].replica, TRUE);
      g_timeout_add_seconds (STOP_TIMEOUT_S, stop_timeout_cb, NULL);
      maybe_print_stopped ();
    }
  else if (g_str_equal (words[0], "check") && g_strv_length (words) == 4)
    {
      client.want_count = atoi (words[1]);
      client.want_temperature = g_ascii_strtod (words[2], NULL);
      client.want_seq = g_ascii_strtoll (words[3], NULL, 10);
      client.check_end = g_get_monotonic_time () + CHECK_TIMEOUT_S * G_USEC_PER_SEC;
      client.checking = TRUE;
      g_timeout_add (20, check_cb, NULL);
    }
  else
    g_printerr ("ro-test-client: unknown command “%s”\n", line);
  read_command ();
}

static void
read_command (void)
{
  g_data_input_stream_read_line_async (client.input, G_PRIORITY_DEFAULT, NULL, command_cb, NULL);
}

static void
acquired_cb (GObject      *node,
             GAsyncResult *result,
             gpointer      data)
{
  g_autoptr(GError) error = NULL;
  RoReplica *replica = ro_node_acquire_finish (RO_NODE (node), result, &error);

  if (replica == NULL)
    g_error ("ro-test-client: acquiring failed: %s", error->message);
  g_object_unref (replica);
  if (++client.n_acquired == N_NODES && !client.ready_printed)
    {
      client.ready_printed = TRUE;
      say ("READY");
    }
}

static int
run_soak (int     seconds,
          guint32 seed)
{
  g_autoptr(GError) error = NULL;

  client.rand = g_rand_new_with_seed (seed);
  client.pending = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) pending_free);
  client.traffic_end = g_get_monotonic_time () + (gint64) seconds * G_USEC_PER_SEC;

  for (guint i = 0; i < N_NODES; i++)
    {
      client.nodes[i] = ro_node_new ();
      if (!ro_node_connect_to_node (client.nodes[i], client.url, &error))
        g_error ("ro-test-client: %s", error->message);
    }
  /* Half the replicas acquired before the snapshot arrives, half after
   * acquire_async: calls made before it wait for it. */
  for (guint i = 0; i < N_REPLICAS; i++)
    {
      Watched *w = &client.replicas[i];

      w->replica = ro_node_acquire_dynamic (client.nodes[i / 2], "Thing");
      w->seq.last = -1;
      g_signal_connect (w->replica, "remote-signal::overheat", G_CALLBACK (overheat_cb), w);
    }
  for (guint i = 0; i < N_NODES; i++)
    ro_node_acquire_async (client.nodes[i], "Thing", NULL, acquired_cb, NULL);

  g_timeout_add (TICK_MS, tick_cb, NULL);
  read_command ();
  g_main_loop_run (client.loop);

  for (guint i = 0; i < N_REPLICAS; i++)
    g_object_unref (client.replicas[i].replica);
  for (guint i = 0; i < N_NODES; i++)
    g_object_unref (client.nodes[i]);
  /* The last answers of unanswered calls come from the nodes' disposal. */
  g_hash_table_unref (client.pending);
  g_rand_free (client.rand);
  return 0;
}

static void
never_answered_cb (GObject      *replica,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) value G_GNUC_UNUSED = ro_replica_call_finish (RO_REPLICA (replica), result, &error);

  /* Only our own disposal at exit ends the call. */
  if (!g_main_loop_is_running (client.loop))
    return;
  g_printerr ("ro-test-client: wait-cancel was answered: %s\n", error != NULL ? error->message : "a value");
  exit (1);
}

static void
stdin_closed_cb (GObject      *stream,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result, NULL, NULL);

  if (line == NULL)
    g_main_loop_quit (client.loop);
  else
    g_data_input_stream_read_line_async (client.input, G_PRIORITY_DEFAULT, NULL, stdin_closed_cb, NULL);
}

static gboolean
give_up_cb (gpointer data)
{
  g_printerr ("ro-test-client: nobody killed me; exiting\n");
  g_main_loop_quit (client.loop);
  return G_SOURCE_REMOVE;
}

static void
acquired_one_cb (GObject      *node,
                 GAsyncResult *result,
                 gpointer      data)
{
  g_autoptr(GError) error = NULL;

  *(RoReplica **) data = ro_node_acquire_finish (RO_NODE (node), result, &error);
  if (error != NULL)
    g_error ("ro-test-client: acquiring failed: %s", error->message);
}

static int
run_call_and_wait (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoNode) node = ro_node_new ();
  g_autoptr(RoReplica) replica = NULL;
  g_autoptr(GVariant) result = NULL;
  int sum = 0;

  if (!ro_node_connect_to_node (node, client.url, &error))
    g_error ("ro-test-client: %s", error->message);
  ro_node_acquire_async (node, "Thing", NULL, acquired_one_cb, &replica);
  while (replica == NULL)
    g_main_context_iteration (NULL, TRUE);

  ro_replica_call_async (replica, "wait-cancel", NULL, NULL, never_answered_cb, NULL);
  /* Calls of one replica reach the source in order: once this one is
   * answered, the host holds the wait-cancel. */
  result = ro_replica_call_sync (replica, "add", g_variant_new ("(ii)", 20, 22), 30000, NULL, &error);
  if (result == NULL)
    g_error ("ro-test-client: add failed: %s", error->message);
  g_variant_get (result, "(i)", &sum);
  if (sum != 42)
    g_error ("ro-test-client: add gave %d", sum);
  say ("CALLING");

  g_data_input_stream_read_line_async (client.input, G_PRIORITY_DEFAULT, NULL, stdin_closed_cb, NULL);
  g_timeout_add_seconds (120, give_up_cb, NULL);
  g_main_loop_run (client.loop);
  return 0;
}

/* follow */

#define FOLLOW_TIMEOUT_S 20

typedef enum {
  WAIT_NONE,
  WAIT_COUNT,
  WAIT_SEQ,
  WAIT_VALID_AGAIN,
} WaitKind;

typedef struct
{
  RoReplica *replica;
  gboolean ready_printed;
  gint64 value;            /* the last value of count received */
  guint64 values;
  guint64 lower;
  guint64 signals;
  SeqCount seq;
  guint suspects;

  WaitKind waiting;
  const char *word;
  gint64 want;
  guint timeout_id;
} Follower;

static Follower follower;

static void read_follow_command (void);

static void
follow_answer (const char *outcome)
{
  g_autoptr(GEnumClass) states = g_type_class_ref (RO_TYPE_REPLICA_STATE);
  GEnumValue *state = g_enum_get_value (states, ro_replica_get_state (follower.replica));

  say ("%s %s value=%" G_GINT64_FORMAT " values=%" G_GUINT64_FORMAT " lower=%" G_GUINT64_FORMAT
       " signals=%" G_GUINT64_FORMAT " last-seq=%" G_GINT64_FORMAT " gaps=%u out-of-order=%u"
       " suspects=%u state=%s",
       follower.word, outcome, follower.value, follower.values, follower.lower, follower.signals,
       follower.seq.last, follower.seq.gaps, follower.seq.out_of_order, follower.suspects,
       state != NULL ? state->value_nick : "?");
  follower.waiting = WAIT_NONE;
  g_clear_handle_id (&follower.timeout_id, g_source_remove);
  read_follow_command ();
}

static void
follow_check (void)
{
  gboolean met = FALSE;

  switch (follower.waiting)
    {
    case WAIT_NONE:
      return;
    case WAIT_COUNT:
      met = follower.value == follower.want;
      break;
    case WAIT_SEQ:
      met = follower.seq.last == follower.want;
      break;
    case WAIT_VALID_AGAIN:
      met = follower.suspects > 0 && ro_replica_is_valid (follower.replica);
      break;
    default:
      g_assert_not_reached ();
    }
  if (met)
    follow_answer ("ok");
}

static gboolean
follow_timeout_cb (gpointer data)
{
  follower.timeout_id = 0;
  follow_answer ("timeout");
  return G_SOURCE_REMOVE;
}

static void
follow_value_cb (RoReplica  *replica,
                 const char *name,
                 GVariant   *value,
                 gpointer    data)
{
  gint64 v;

  if (!g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
    return;
  v = g_variant_get_int32 (value);
  if (follower.values > 0 && v < follower.value)
    follower.lower++;
  follower.values++;
  follower.value = v;
  follow_check ();
}

static void
follow_overheat_cb (RoReplica  *replica,
                    const char *name,
                    GVariant   *args,
                    gpointer    data)
{
  if (!seq_count (&follower.seq, args, TRUE))
    return;
  follower.signals++;
  follow_check ();
}

static void
follow_state_cb (RoReplica      *replica,
                 RoReplicaState  new_state,
                 RoReplicaState  old_state,
                 gpointer        data)
{
  if (new_state == RO_REPLICA_STATE_SUSPECT)
    follower.suspects++;
  if (new_state == RO_REPLICA_STATE_VALID && !follower.ready_printed)
    {
      follower.ready_printed = TRUE;
      say ("READY");
    }
  follow_check ();
}

static void
follow_command_cb (GObject      *stream,
                   GAsyncResult *result,
                   gpointer      data)
{
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (stream), result, NULL, NULL);
  g_auto(GStrv) words = NULL;

  if (line == NULL)
    {
      g_main_loop_quit (client.loop);
      return;
    }

  words = g_strsplit (line, " ", -1);
  if (g_str_equal (words[0], "count") && g_strv_length (words) == 2)
    {
      follower.word = "COUNT";
      follower.waiting = WAIT_COUNT;
    }
  else if (g_str_equal (words[0], "seq") && g_strv_length (words) == 2)
    {
      follower.word = "SEQ";
      follower.waiting = WAIT_SEQ;
    }
  else if (g_str_equal (words[0], "valid-again"))
    {
      follower.word = "VALID-AGAIN";
      follower.waiting = WAIT_VALID_AGAIN;
    }
  else if (g_str_equal (words[0], "report"))
    {
      follower.word = "REPORT";
      follow_answer ("ok");
      return;
    }
  else
    {
      g_printerr ("ro-test-client: unknown command “%s”\n", line);
      follower.word = "UNKNOWN";
      follow_answer ("error");
      return;
    }
  if (words[1] != NULL)
    follower.want = g_ascii_strtoll (words[1], NULL, 10);
  follower.timeout_id = g_timeout_add_seconds (FOLLOW_TIMEOUT_S, follow_timeout_cb, NULL);
  follow_check ();
}

static void
read_follow_command (void)
{
  g_data_input_stream_read_line_async (client.input, G_PRIORITY_DEFAULT, NULL, follow_command_cb, NULL);
}

static int
run_follow (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(RoNode) node = ro_node_new ();

  if (!ro_node_connect_to_node (node, client.url, &error))
    g_error ("ro-test-client: %s", error->message);
  follower.seq.last = -1;
  follower.replica = ro_node_acquire_dynamic (node, "Thing");
  g_signal_connect (follower.replica, "value-changed::count", G_CALLBACK (follow_value_cb), NULL);
  g_signal_connect (follower.replica, "remote-signal::overheat", G_CALLBACK (follow_overheat_cb), NULL);
  g_signal_connect (follower.replica, "state-changed", G_CALLBACK (follow_state_cb), NULL);

  read_follow_command ();
  /* Tests under valgrind take long; on Linux the test's death kills us. */
  g_timeout_add_seconds (600, give_up_cb, NULL);
  g_main_loop_run (client.loop);
  g_clear_object (&follower.replica);
  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GInputStream) in = NULL;
  int status;

  if (argc == 3 && g_str_equal (argv[2], "call-and-wait"))
    ;
  else if (argc == 5 && g_str_equal (argv[2], "soak"))
    ;
  else if (argc == 3 && g_str_equal (argv[2], "follow"))
    ;
  else
    {
      g_printerr ("usage: %s URL call-and-wait\n"
                  "       %s URL soak SECONDS SEED\n"
                  "       %s URL follow\n", argv[0], argv[0], argv[0]);
      return 2;
    }

  client.url = argv[1];
  client.loop = g_main_loop_new (NULL, FALSE);
  in = g_unix_input_stream_new (0, FALSE);
  client.input = g_data_input_stream_new (in);

  if (g_str_equal (argv[2], "call-and-wait"))
    status = run_call_and_wait ();
  else if (g_str_equal (argv[2], "follow"))
    status = run_follow ();
  else
    status = run_soak (atoi (argv[3]), (guint32) g_ascii_strtoull (argv[4], NULL, 10));

  g_object_unref (client.input);
  g_main_loop_unref (client.loop);
  return status;
}
