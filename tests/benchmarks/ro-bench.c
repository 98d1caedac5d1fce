/* ro-bench.c: the performance benchmark of libro-glib
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   ro-bench [--quick] [--json FILE] [--only W1,W2,...] [--transports unix,tcp]
 *            [--pinnings same,cross] [--stacks ro,raw,gdbus]
 *
 * Runs every workload on libro-glib and on two baselines, raw sockets (the
 * physical limit) and GDBus peer to peer, over a Unix socket and TCP
 * loopback, with source and replica pinned to one CPU and to two CPUs, and
 * prints one table per combination, the ratios and the targets of issue 9.
 * Each peer is this program started again with --role (see bench.h), so
 * that every stack pays the same process start-up and dynamic linking.
 */

#include <math.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sys/prctl.h>
#include <sys/utsname.h>

#include <glib/gstdio.h>
#include <gio/gunixinputstream.h>

#include <ro-glib/ro-glib.h>

#include "bench.h"

/* raw1 is the raw stack writing one frame per write(), for the streams. */
enum { STACK_RO, STACK_RAW, STACK_RAW1, STACK_GDBUS, N_STACKS };
static const char * const stack_names[N_STACKS] = { "ro", "raw", "raw1", "gdbus" };
static const char * const process_stacks[N_STACKS] = { "ro", "raw", "raw", "gdbus" };

typedef struct
{
  const char *transport;  /* unix, tcp */
  const char *pinning;    /* same, cross */
  int server_cpu;
  int client_cpu;
} Config;

typedef struct
{
  char *config;           /* "unix/same" */
  char *metric;
  char *unit;
  double values[N_STACKS];
  char *texts[N_STACKS];  /* shown instead of the value when set */
  gboolean no_ratio;
} Row;

typedef struct
{
  /* counts */
  int w1_count;
  int w1_warmup;
  int w2_count;
  int batch;
  int w3_count;
  int w4_repeat;
  int w4_procs;
  int w4_conns;
  int w5_replicas;
  int w5_count;
  int stall_n1;
  int stall_n2;
  int stall_signals;
  int timeout_ms;

  gboolean quick;
  char *self;
  char *tmpdir;
  guint n_sockets;
  char **only;
  gboolean stacks[N_STACKS];
  GPtrArray *rows;        /* Row */
  GPtrArray *notes;       /* char * */
  guint failures;         /* peers that died or said nothing in time */
  GPtrArray *children;    /* Child, the ones alive */
} Driver;

typedef struct
{
  GSubprocess *process;
  GOutputStream *input;
  int output_fd;
  GString *buffer;
  char *label;
} Child;

/* Rows */

static void
row_free (Row *row)
{
  g_free (row->config);
  g_free (row->metric);
  g_free (row->unit);
  for (int i = 0; i < N_STACKS; i++)
    g_free (row->texts[i]);
  g_free (row);
}

static Row *
find_row (Driver     *d,
          const char *config,
          const char *metric,
          const char *unit)
{
  Row *row;

  for (guint i = 0; i < d->rows->len; i++)
    {
      row = g_ptr_array_index (d->rows, i);
      if (g_str_equal (row->config, config) && g_str_equal (row->metric, metric))
        return row;
    }
  row = g_new0 (Row, 1);
  row->config = g_strdup (config);
  row->metric = g_strdup (metric);
  row->unit = g_strdup (unit);
  for (int i = 0; i < N_STACKS; i++)
    row->values[i] = NAN;
  g_ptr_array_add (d->rows, row);
  return row;
}

static void
record (Driver     *d,
        const char *config,
        int         stack,
        const char *metric,
        const char *unit,
        double      value)
{
  find_row (d, config, metric, unit)->values[stack] = value;
}

static void
record_text (Driver     *d,
             const char *config,
             int         stack,
             const char *metric,
             const char *text,
             double      value)
{
  Row *row = find_row (d, config, metric, "");

  row->no_ratio = TRUE;
  row->values[stack] = value;
  g_free (row->texts[stack]);
  row->texts[stack] = g_strdup (text);
}

static double
lookup (Driver     *d,
        const char *config,
        const char *metric,
        int         stack)
{
  for (guint i = 0; i < d->rows->len; i++)
    {
      Row *row = g_ptr_array_index (d->rows, i);

      if (g_str_equal (row->config, config) && g_str_equal (row->metric, metric))
        return row->values[stack];
    }
  return NAN;
}

static void
note (Driver     *d,
      const char *format,
      ...) G_GNUC_PRINTF (2, 3);

static void
note (Driver     *d,
      const char *format,
      ...)
{
  va_list args;
  char *text;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("ro-bench: %s\n", text);
  g_ptr_array_add (d->notes, text);
}

/* Children */

static void
child_free (Child *child)
{
  g_clear_object (&child->input);
  g_clear_object (&child->process);
  g_string_free (child->buffer, TRUE);
  g_free (child->label);
  g_free (child);
}

static Child *
child_spawn (Driver      *d,
             const char  *label,
             const char **argv)
{
  g_autoptr(GSubprocessLauncher) launcher =
    g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr(GError) error = NULL;
  Child *child = g_new0 (Child, 1);

  /* The peers run as a user's program would: no test-harness malloc checks. */
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_PERTURB_");
  g_subprocess_launcher_unsetenv (launcher, "MALLOC_CHECK_");
  g_subprocess_launcher_unsetenv (launcher, "G_SLICE");
  g_subprocess_launcher_unsetenv (launcher, "G_DEBUG");
  child->process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  if (child->process == NULL)
    g_error ("ro-bench: cannot start %s: %s", label, error->message);
  child->input = g_object_ref (g_subprocess_get_stdin_pipe (child->process));
  child->output_fd = g_unix_input_stream_get_fd (G_UNIX_INPUT_STREAM (g_subprocess_get_stdout_pipe (child->process)));
  child->buffer = g_string_new (NULL);
  child->label = g_strdup (label);
  g_ptr_array_add (d->children, child);
  return child;
}

/* The next line of output that starts with @prefix, without it; NULL when
 * the child exits or says nothing of the kind within the timeout. */
static char *
child_expect (Driver     *d,
              Child      *child,
              const char *prefix)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) d->timeout_ms * 1000;

  for (;;)
    {
      char *newline;
      struct pollfd fd = { child->output_fd, POLLIN, 0 };
      gint64 left;
      char chunk[4096];
      ssize_t n;

      while ((newline = memchr (child->buffer->str, '\n', child->buffer->len)) != NULL)
        {
          g_autofree char *line = g_strndup (child->buffer->str, newline - child->buffer->str);

          g_string_erase (child->buffer, 0, newline - child->buffer->str + 1);
          if (g_str_has_prefix (line, prefix))
            return g_strdup (line + strlen (prefix));
          if (g_str_has_prefix (line, "ERROR"))
            g_printerr ("ro-bench: %s: %s\n", child->label, line);
        }

      left = deadline - g_get_monotonic_time ();
      if (left <= 0)
        {
          note (d, "%s: no “%s” within %d s: capped, figure left out", child->label, prefix, d->timeout_ms / 1000);
          d->failures++;
          return NULL;
        }
      if (poll (&fd, 1, (int) MIN (left / 1000 + 1, G_MAXINT)) <= 0)
        continue;
      n = read (child->output_fd, chunk, sizeof chunk);
      if (n <= 0)
        {
          note (d, "%s exited before “%s”", child->label, prefix);
          d->failures++;
          return NULL;
        }
      g_string_append_len (child->buffer, chunk, n);
    }
}

static void
child_send (Child      *child,
            const char *format,
            ...) G_GNUC_PRINTF (2, 3);

static void
child_send (Child      *child,
            const char *format,
            ...)
{
  g_autofree char *line = NULL;
  va_list args;

  va_start (args, format);
  line = g_strdup_vprintf (format, args);
  va_end (args);
  g_output_stream_write_all (child->input, line, strlen (line), NULL, NULL, NULL);
  g_output_stream_write_all (child->input, "\n", 1, NULL, NULL, NULL);
}

/* Closes its stdin (every role exits then), waits a little, kills. */
static void
child_finish (Driver *d,
              Child  *child)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  g_output_stream_close (child->input, NULL, NULL);
  for (;;)
    {
      struct pollfd fd = { child->output_fd, POLLIN, 0 };
      char chunk[4096];
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        {
          g_subprocess_force_exit (child->process);
          break;
        }
      if (poll (&fd, 1, (int) (left / 1000 + 1)) > 0 && read (child->output_fd, chunk, sizeof chunk) <= 0)
        break;
    }
  g_subprocess_wait (child->process, NULL, NULL);
  g_ptr_array_remove (d->children, child);
}

static void
finish_all (Driver *d)
{
  while (d->children->len > 0)
    child_finish (d, g_ptr_array_index (d->children, d->children->len - 1));
}

static GHashTable *
parse_fields (const char *text)
{
  GHashTable *fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_auto(GStrv) words = g_strsplit (text != NULL ? text : "", " ", -1);

  for (guint i = 0; words[i] != NULL; i++)
    {
      char *eq = strchr (words[i], '=');

      if (eq != NULL)
        g_hash_table_insert (fields, g_strndup (words[i], eq - words[i]), g_strdup (eq + 1));
    }
  return fields;
}

static double
field (GHashTable *fields,
       const char *key)
{
  const char *value = g_hash_table_lookup (fields, key);

  return value != NULL ? g_ascii_strtod (value, NULL) : NAN;
}

/* Peers */

static char *
listen_address (Driver     *d,
                int         stack,
                const char *transport)
{
  guint n = ++d->n_sockets;

  if (g_str_equal (transport, "unix"))
    switch (stack)
      {
      case STACK_RO: return g_strdup_printf ("unix:%s/ro-%u.sock", d->tmpdir, n);
      case STACK_RAW: case STACK_RAW1: return g_strdup_printf ("unix:%s/raw-%u.sock", d->tmpdir, n);
      default: return g_strdup_printf ("unix:path=%s/gdbus-%u.sock", d->tmpdir, n);
      }
  switch (stack)
    {
    case STACK_RO: return g_strdup ("tcp://127.0.0.1:0");
    case STACK_RAW: case STACK_RAW1: return g_strdup ("tcp:127.0.0.1:0");
    default: return g_strdup ("tcp:host=127.0.0.1,port=0");
    }
}

/* Starts a server; *url gets the address clients use. */
static Child *
start_server (Driver       *d,
              int           stack,
              const Config *config,
              char        **url)
{
  g_autofree char *address = listen_address (d, stack, config->transport);
  g_autofree char *url_arg = g_strdup_printf ("--url=%s", address);
  g_autofree char *stack_arg = g_strdup_printf ("--stack=%s", process_stacks[stack]);
  g_autofree char *cpu_arg = g_strdup_printf ("--cpu=%d", config->server_cpu);
  g_autofree char *label = g_strdup_printf ("%s server (%s, %s)", stack_names[stack], config->transport,
                                            config->pinning);
  const char *argv[] = { d->self, "--role=server", stack_arg, url_arg, cpu_arg, NULL };
  Child *server = child_spawn (d, label, argv);

  *url = child_expect (d, server, "READY ");
  if (*url == NULL)
    {
      child_finish (d, server);
      return NULL;
    }
  return server;
}

static Child *
start_client (Driver       *d,
              int           stack,
              const Config *config,
              const char   *url,
              const char   *workload,
              int           count)
{
  g_autofree char *url_arg = g_strdup_printf ("--url=%s", url);
  g_autofree char *stack_arg = g_strdup_printf ("--stack=%s", process_stacks[stack]);
  g_autofree char *cpu_arg = g_strdup_printf ("--cpu=%d", config->client_cpu);
  g_autofree char *workload_arg = g_strdup_printf ("--workload=%s", workload);
  g_autofree char *count_arg = g_strdup_printf ("--count=%d", count);
  g_autofree char *warmup_arg = g_strdup_printf ("--warmup=%d", d->w1_warmup);
  g_autofree char *repeat_arg = g_strdup_printf ("--repeat=%d", d->w4_repeat);
  g_autofree char *conns_arg = g_strdup_printf ("--conns=%d", d->w4_conns);
  g_autofree char *label = g_strdup_printf ("%s %s client (%s, %s)", stack_names[stack], workload,
                                            config->transport, config->pinning);
  const char *argv[] = { d->self, "--role=client", stack_arg, url_arg, cpu_arg, workload_arg, count_arg,
                         warmup_arg, repeat_arg, conns_arg, NULL };

  return child_spawn (d, label, argv);
}

static gboolean
server_memory (Driver  *d,
               Child   *server,
               double  *rss,
               double  *hwm,
               double  *dropped,
               double  *anon)
{
  g_autofree char *line = NULL;
  g_autoptr(GHashTable) fields = NULL;

  child_send (server, "mem");
  line = child_expect (d, server, "MEM ");
  if (line == NULL)
    return FALSE;
  fields = parse_fields (line);
  *rss = field (fields, "rss");
  if (hwm != NULL)
    *hwm = field (fields, "hwm");
  if (dropped != NULL)
    *dropped = field (fields, "dropped");
  if (anon != NULL)
    *anon = field (fields, "anon");
  return TRUE;
}

static char *
config_name (const Config *config)
{
  return g_strdup_printf ("%s/%s", config->transport, config->pinning);
}

static gboolean
wanted (Driver     *d,
        const char *workload)
{
  return d->only == NULL || g_strv_contains ((const char * const *) d->only, workload);
}

/* W1: sequential add() round trips */

static void
run_w1 (Driver       *d,
        const Config *config,
        int           stack)
{
  g_autofree char *name = config_name (config);
  g_autofree char *url = NULL;
  Child *server = start_server (d, stack, config, &url);
  const char *workloads[] = { "call", "call-sync" };

  if (server == NULL)
    return;
  for (guint w = 0; w < G_N_ELEMENTS (workloads); w++)
    {
      Child *client;
      g_autofree char *result = NULL;
      g_autoptr(GHashTable) fields = NULL;

      /* The blocking call exists only in libro-glib. */
      if (w == 1 && stack != STACK_RO)
        break;
      client = start_client (d, stack, config, url, workloads[w], d->w1_count);
      result = child_expect (d, client, "RESULT ");
      child_finish (d, client);
      if (result == NULL)
        continue;
      fields = parse_fields (result);
      if (w == 0)
        {
          record (d, name, stack, "W1 add() round trips", "calls/s", field (fields, "rate"));
          record (d, name, stack, "W1 latency median", "us", field (fields, "median_us"));
          record (d, name, stack, "W1 latency p99", "us", field (fields, "p99_us"));
          record (d, name, stack, "W1 latency max", "us", field (fields, "max_us"));
          record (d, name, stack, "W1 round trips >= 35 ms (Nagle)", "calls", field (fields, "stalls"));
          if (g_str_equal (config->transport, "tcp"))
            {
              g_auto(GStrv) parts = g_strsplit (g_hash_table_lookup (fields, "nodelay"), "/", 2);

              record_text (d, name, stack, "TCP_NODELAY, replica sockets",
                           g_hash_table_lookup (fields, "nodelay"),
                           atoi (parts[0]) == atoi (parts[1]) && atoi (parts[1]) > 0);
            }
        }
      else
        record (d, name, stack, "W1 call_sync latency median", "us", field (fields, "median_us"));
    }
  child_finish (d, server);
}

/* W2, W3: a stream of property changes or signals */

static void
run_stream (Driver       *d,
            const Config *config,
            int           stack,
            gboolean      signals,
            int           count,
            int           batch,
            const char   *label)
{
  g_autofree char *name = config_name (config);
  g_autofree char *url = NULL;
  g_autofree char *ready = NULL, *start = NULL, *done = NULL, *result = NULL;
  g_autoptr(GHashTable) fields = NULL;
  g_autofree char *metric = NULL;
  double rss, hwm;
  Child *server = start_server (d, stack, config, &url);
  Child *client;

  if (server == NULL)
    return;
  client = start_client (d, stack, config, url, signals ? "signals" : "props", count);
  ready = child_expect (d, client, "READY");
  if (ready != NULL)
    {
      child_send (server, "hwm-reset");
      g_free (child_expect (d, server, "OK"));
      child_send (server, "%s %d %d", signals ? "signals" : "props", count, stack == STACK_RAW1 ? 1 : batch);
      start = child_expect (d, server, "START ");
      done = child_expect (d, server, "DONE ");
      result = child_expect (d, client, "RESULT ");
    }
  if (start != NULL && done != NULL && result != NULL)
    {
      gint64 t0 = g_ascii_strtoll (start, NULL, 10);
      double elapsed;

      fields = parse_fields (result);
      elapsed = field (fields, "t_last") - (double) t0;
      metric = g_strdup_printf ("%s: rate", label);
      record (d, name, stack, metric, signals ? "signals/s" : "values/s", count / (elapsed / 1e6));
      g_free (metric);
      metric = g_strdup_printf ("%s: time to last", label);
      record (d, name, stack, metric, "ms", elapsed / 1000);
      g_free (metric);
      metric = g_strdup_printf (signals ? "%s: received" : "%s: received, in order", label);
      if (signals)
        {
          g_autofree char *text = g_strdup_printf ("%.0f/%d%s", field (fields, "received"), count,
                                                   field (fields, "payload_ok") == 1 ? "" : " BAD");

          record_text (d, name, stack, metric, text, field (fields, "received") == count);
        }
      else
        {
          gboolean lossless = field (fields, "received") == count && field (fields, "in_order") == 1;
          g_autofree char *text = g_strdup_printf ("%.0f/%d%s", field (fields, "received"), count,
                                                   field (fields, "in_order") == 1 ? "" : " UNORDERED");

          record_text (d, name, stack, metric, text, lossless);
        }
      if (server_memory (d, server, &rss, &hwm, NULL, NULL))
        {
          g_free (metric);
          metric = g_strdup_printf ("Host peak RSS during %s", label);
          record (d, name, stack, metric, "KiB", hwm);
        }
    }
  child_finish (d, client);
  child_finish (d, server);
}

/* W4: acquiring the wide source */

static void
run_w4 (Driver       *d,
        const Config *config,
        int           stack)
{
  g_autofree char *name = config_name (config);
  g_autofree char *url = NULL;
  g_autofree char *metric = NULL;
  g_autofree char *result = NULL;
  Child *server;
  Child *client;
  double idle = NAN, rss, anon;

  /* One process pair, acquired again and again. */
  server = start_server (d, stack, config, &url);
  if (server == NULL)
    return;
  client = start_client (d, stack, config, url, "acquire", 0);
  result = child_expect (d, client, "RESULT ");
  if (result != NULL)
    {
      g_autoptr(GHashTable) fields = parse_fields (result);

      record (d, name, stack, "W4 acquire 100 props, median", "ms", field (fields, "median_us") / 1000);
      record (d, name, stack, "W4 acquire 100 props, first", "ms", field (fields, "first_us") / 1000);
      record (d, name, stack, "W4 acquire 100 props, max", "ms", field (fields, "max_us") / 1000);
    }
  child_finish (d, client);
  child_finish (d, server);

  /* Many processes at once; the host's memory before and with them. */
  g_clear_pointer (&url, g_free);
  server = start_server (d, stack, config, &url);
  if (server == NULL)
    return;
  if (server_memory (d, server, &idle, NULL, NULL, &anon))
    {
      record (d, name, stack, "Host RSS idle (sources shared, no replica)", "KiB", idle);
      record (d, name, stack, "Host RssAnon idle (private memory)", "KiB", anon);
    }
  {
    g_autoptr(GPtrArray) clients = g_ptr_array_new ();
    gint64 t0 = g_get_monotonic_time ();
    double last = 0;
    gboolean all = TRUE;

    for (int i = 0; i < d->w4_procs; i++)
      g_ptr_array_add (clients, start_client (d, stack, config, url, "acquire-hold", 0));
    for (guint i = 0; i < clients->len; i++)
      {
        g_autofree char *line = child_expect (d, g_ptr_array_index (clients, i), "RESULT ");
        g_autoptr(GHashTable) fields = parse_fields (line);

        if (line == NULL)
          {
            all = FALSE;
            break;
          }
        last = MAX (last, field (fields, "t_valid"));
      }
    if (all)
      {
        metric = g_strdup_printf ("W4 %d processes all VALID", d->w4_procs);
        record (d, name, stack, metric, "ms", (last - (double) t0) / 1000);
        if (server_memory (d, server, &rss, NULL, NULL, &anon))
          {
            g_free (metric);
            metric = g_strdup_printf ("Host RSS with %d replica processes", d->w4_procs);
            record (d, name, stack, metric, "KiB", rss);
            g_free (metric);
            metric = g_strdup_printf ("Host RssAnon with %d replica processes", d->w4_procs);
            record (d, name, stack, metric, "KiB", anon);
            record (d, name, stack, "Host cost per replica process", "KiB", (rss - idle) / d->w4_procs);
          }
      }
    for (guint i = 0; i < clients->len; i++)
      child_finish (d, g_ptr_array_index (clients, i));
  }
  child_finish (d, server);

  /* Many connections from one process. */
  g_clear_pointer (&url, g_free);
  server = start_server (d, stack, config, &url);
  if (server == NULL)
    return;
  server_memory (d, server, &idle, NULL, NULL, NULL);
  client = start_client (d, stack, config, url, "acquire-many", 0);
  g_clear_pointer (&result, g_free);
  result = child_expect (d, client, "RESULT ");
  if (result != NULL)
    {
      g_autoptr(GHashTable) fields = parse_fields (result);

      g_free (metric);
      metric = g_strdup_printf ("W4 %d connections, one process", d->w4_conns);
      record (d, name, stack, metric, "ms", field (fields, "elapsed_us") / 1000);
      record (d, name, stack, "Replica process cost per connection", "KiB",
              (field (fields, "rss_after") - field (fields, "rss_before")) / d->w4_conns);
      if (server_memory (d, server, &rss, NULL, NULL, NULL))
        {
          g_free (metric);
          metric = g_strdup_printf ("Host RSS with %d connections", d->w4_conns);
          record (d, name, stack, metric, "KiB", rss);
          record (d, name, stack, "Host cost per connection", "KiB", (rss - idle) / d->w4_conns);
        }
    }
  if (g_str_equal (config->transport, "tcp"))
    {
      g_autofree char *line = NULL;

      child_send (server, "nodelay");
      line = child_expect (d, server, "NODELAY ");
      if (line != NULL)
        {
          g_autoptr(GHashTable) fields = parse_fields (line);
          g_autofree char *text = g_strdup_printf ("%.0f/%.0f", field (fields, "set"), field (fields, "total"));

          record_text (d, name, stack, "TCP_NODELAY, host sockets", text,
                       field (fields, "set") == field (fields, "total") && field (fields, "total") > 0);
        }
    }
  child_finish (d, client);
  child_finish (d, server);
}

/* W5: one source, many replica processes */

static void
run_w5 (Driver       *d,
        const Config *config,
        int           stack)
{
  g_autofree char *name = config_name (config);
  g_autofree char *url = NULL;
  g_autofree char *metric = NULL;
  g_autoptr(GPtrArray) clients = g_ptr_array_new ();
  g_autofree char *start = NULL, *done = NULL;
  Child *server = start_server (d, stack, config, &url);
  gboolean ready = TRUE;
  double last = 0;
  int lossless = 0;

  if (server == NULL)
    return;
  for (int i = 0; i < d->w5_replicas; i++)
    g_ptr_array_add (clients, start_client (d, stack, config, url, "props", d->w5_count));
  for (guint i = 0; i < clients->len && ready; i++)
    {
      g_autofree char *line = child_expect (d, g_ptr_array_index (clients, i), "READY");

      ready = line != NULL;
    }
  if (ready)
    {
      child_send (server, "props %d %d", d->w5_count, stack == STACK_RAW1 ? 1 : d->batch);
      start = child_expect (d, server, "START ");
      done = child_expect (d, server, "DONE ");
      for (guint i = 0; i < clients->len && start != NULL; i++)
        {
          g_autofree char *result = child_expect (d, g_ptr_array_index (clients, i), "RESULT ");
          g_autoptr(GHashTable) fields = parse_fields (result);

          if (result == NULL)
            {
              g_clear_pointer (&start, g_free);
              break;
            }
          last = MAX (last, field (fields, "t_last"));
          if (field (fields, "received") == d->w5_count && field (fields, "in_order") == 1)
            lossless++;
        }
    }
  if (start != NULL)
    {
      g_autofree char *text = g_strdup_printf ("%d/%d", lossless, d->w5_replicas);

      metric = g_strdup_printf ("W5 %d replicas x %d changes: all hold last", d->w5_replicas, d->w5_count);
      record (d, name, stack, metric, "ms", (last - g_ascii_strtod (start, NULL)) / 1000);
      record_text (d, name, stack, "W5 replicas that saw every value in order", text, lossless == d->w5_replicas);
    }
  for (guint i = 0; i < clients->len; i++)
    child_finish (d, g_ptr_array_index (clients, i));
  child_finish (d, server);
}

/* A replica that stops reading: the host's memory must stay bounded. */

static void
run_stall (Driver       *d,
           const Config *config,
           gboolean      signals,
           int           count,
           double       *growth,
           double       *dropped)
{
  g_autofree char *url = NULL;
  g_autofree char *ready = NULL;
  Child *server = start_server (d, STACK_RO, config, &url);
  Child *client;
  double idle = NAN, rss, hwm;

  *growth = *dropped = NAN;
  if (server == NULL)
    return;
  client = start_client (d, STACK_RO, config, url, "stall", 0);
  ready = child_expect (d, client, "READY");
  if (ready != NULL)
    {
      g_autofree char *start = NULL, *done = NULL;

      child_send (server, "hwm-reset");
      g_free (child_expect (d, server, "OK"));
      server_memory (d, server, &idle, NULL, NULL, NULL);
      child_send (server, "%s %d %d", signals ? "signals" : "props", count, d->batch);
      start = child_expect (d, server, "START ");
      done = child_expect (d, server, "DONE ");
      if (done != NULL && server_memory (d, server, &rss, &hwm, dropped, NULL))
        *growth = hwm - idle;
    }
  child_finish (d, client);
  child_finish (d, server);
}

/* Output */

static char *
format_value (const Row *row,
              int        stack)
{
  double v = row->values[stack];

  if (row->texts[stack] != NULL)
    return g_strdup (row->texts[stack]);
  if (isnan (v))
    return g_strdup ("-");
  if (g_str_equal (row->unit, "calls"))
    return g_strdup_printf ("%.0f", v);
  if (g_str_equal (row->unit, "ms"))
    return g_strdup_printf (fabs (v) < 10 ? "%.3f" : "%.1f", v);
  if (g_str_equal (row->unit, "us") || fabs (v) < 10)
    return g_strdup_printf ("%.1f", v);
  return g_strdup_printf ("%.0f", v);
}

static char *
format_ratio (const Row *row,
              int        stack)
{
  double a = row->values[STACK_RO], b = row->values[stack];

  if (row->no_ratio || isnan (a) || isnan (b) || b == 0)
    return g_strdup ("");
  return g_strdup_printf ("%.2fx", a / b);
}

static void
print_table (Driver *d,
             GPtrArray *configs)
{
  for (guint c = 0; c < configs->len; c++)
    {
      const Config *config = g_ptr_array_index (configs, c);
      g_autofree char *name = config_name (config);

      printf ("\n== %s, source on CPU %d, replica on CPU %d ==\n",
              g_str_equal (config->transport, "unix") ? "Unix socket" : "TCP loopback",
              config->server_cpu, config->client_cpu);
      printf ("%-46s %-9s %13s %13s %13s %13s %8s %8s %8s\n", "metric", "unit", "ro-glib", "raw", "raw1",
              "gdbus", "ro/raw", "ro/raw1", "ro/gdbus");
      for (guint i = 0; i < d->rows->len; i++)
        {
          Row *row = g_ptr_array_index (d->rows, i);
          g_autofree char *ro = NULL, *raw = NULL, *raw1 = NULL, *gdbus = NULL, *r1 = NULL, *r2 = NULL, *r3 = NULL;

          if (!g_str_equal (row->config, name))
            continue;
          ro = format_value (row, STACK_RO);
          raw = format_value (row, STACK_RAW);
          raw1 = format_value (row, STACK_RAW1);
          gdbus = format_value (row, STACK_GDBUS);
          r1 = format_ratio (row, STACK_RAW);
          r2 = format_ratio (row, STACK_RAW1);
          r3 = format_ratio (row, STACK_GDBUS);
          printf ("%-46s %-9s %13s %13s %13s %13s %8s %8s %8s\n", row->metric, row->unit, ro, raw, raw1, gdbus,
                  r1, r2, r3);
        }
    }
}

typedef struct
{
  char *name;
  char *measured;
  gboolean known;
  gboolean pass;
} Target;

static void
target_free (Target *target)
{
  g_free (target->name);
  g_free (target->measured);
  g_free (target);
}

static void
add_target (GPtrArray  *targets,
            const char *name,
            gboolean    known,
            gboolean    pass,
            const char *format,
            ...) G_GNUC_PRINTF (5, 6);

static void
add_target (GPtrArray  *targets,
            const char *name,
            gboolean    known,
            gboolean    pass,
            const char *format,
            ...)
{
  Target *target = g_new0 (Target, 1);
  va_list args;

  va_start (args, format);
  target->measured = g_strdup_vprintf (format, args);
  va_end (args);
  target->name = g_strdup (name);
  target->known = known;
  target->pass = pass;
  g_ptr_array_add (targets, target);
}

static void
ratio_target (Driver     *d,
              GPtrArray  *targets,
              const char *name,
              const char *metric,
              gboolean    at_most,
              double      limit)
{
  double ro = lookup (d, "unix/same", metric, STACK_RO);
  double raw = lookup (d, "unix/same", metric, STACK_RAW);
  double ratio = ro / raw;
  gboolean known = !isnan (ratio);

  add_target (targets, name, known, known && (at_most ? ratio <= limit : ratio >= limit),
              "%.3gx raw (ro %.6g, raw %.6g; needs %s %.1fx)", ratio, ro, raw, at_most ? "<=" : ">=", limit);
}

/* A stream's rate against raw sending one frame per write(), as every
 * message-at-a-time design sends: the batched raw stream runs at the
 * speed of memcpy(), and is shown alongside. */
static void
stream_target (Driver     *d,
               GPtrArray  *targets,
               const char *name,
               const char *metric,
               double      limit)
{
  double ro = lookup (d, "unix/same", metric, STACK_RO);
  double raw = lookup (d, "unix/same", metric, STACK_RAW);
  double raw1 = lookup (d, "unix/same", metric, STACK_RAW1);
  double ratio = ro / raw1;
  gboolean known = !isnan (ratio);

  add_target (targets, name, known, known && ratio >= limit,
              "%.3gx raw1 (ro %.6g, raw1 %.6g; needs >= %.1fx); %.3gx batched raw (%.6g)",
              ratio, ro, raw1, limit, ro / raw, raw);
}

static GPtrArray *
evaluate_targets (Driver *d,
                  double  stall_growth[2],
                  double  stall_dropped)
{
  GPtrArray *targets = g_ptr_array_new_with_free_func ((GDestroyNotify) target_free);
  g_autofree char *procs = g_strdup_printf ("W4 %d processes all VALID", d->w4_procs);
  g_autofree char *w2_batched = g_strdup_printf ("W2 %d/iteration: rate", d->batch);
  g_autofree char *w2_one = g_strdup ("W2 one batch: rate");
  g_autofree char *w3 = g_strdup_printf ("W3 %d/iteration: rate", d->batch);
  g_autofree char *peak_w2 = g_strdup_printf ("Host peak RSS during W2 %d/iteration", d->batch);
  g_autofree char *peak_w3 = g_strdup_printf ("Host peak RSS during W3 %d/iteration", d->batch);
  const char *peaks[] = { peak_w2, "Host peak RSS during W2 one batch", peak_w3 };
  double peak = NAN;

  ratio_target (d, targets, "W1 round trip <= 2x raw latency", "W1 latency median", TRUE, 2.0);
  stream_target (d, targets, "W2 rate >= 0.7x raw1 (1000/iteration)", w2_batched, 0.7);
  stream_target (d, targets, "W2 rate >= 0.7x raw1 (one batch)", w2_one, 0.7);
  {
    g_autofree char *ka = g_strdup_printf ("W2 %d/iteration: received, in order", d->batch);
    double a = lookup (d, "unix/same", ka, STACK_RO);
    double b = lookup (d, "unix/same", "W2 one batch: received, in order", STACK_RO);
    add_target (targets, "W2 lossless (every value, in order)", !isnan (a) && !isnan (b), a == 1 && b == 1,
                "batched: %s, one batch: %s", a == 1 ? "yes" : "NO", b == 1 ? "yes" : "NO");
  }
  stream_target (d, targets, "W3 rate >= 0.7x raw1", w3, 0.7);
  ratio_target (d, targets, "W4 acquire 100 props <= 2x raw", "W4 acquire 100 props, median", TRUE, 2.0);
  ratio_target (d, targets, "W4 50 processes all VALID <= 2x raw", procs, TRUE, 2.0);
  {
    double idle = lookup (d, "unix/same", "Host RSS idle (sources shared, no replica)", STACK_RO);

    add_target (targets, "Host RSS idle < 3 MiB", !isnan (idle), idle < 3072,
                "%.0f KiB (%.2f MiB)", idle, idle / 1024);
  }
  for (guint i = 0; i < G_N_ELEMENTS (peaks); i++)
    {
      double v = lookup (d, "unix/same", peaks[i], STACK_RO);

      if (!isnan (v))
        peak = isnan (peak) ? v : MAX (peak, v);
    }
  add_target (targets, "Host peak RSS during W2/W3 < 10 MiB", !isnan (peak), peak < 10240,
              "%.0f KiB (%.2f MiB)", peak, peak / 1024);
  {
    gboolean known = !isnan (stall_growth[0]) && !isnan (stall_growth[1]);

    add_target (targets, "Memory bounded for a replica that stops reading", known,
                known && stall_growth[1] <= 1.25 * stall_growth[0] + 1024,
                "host grew %.0f KiB after %d changes, %.0f KiB after %d (bounded: <= 1.25x + 1 MiB);"
                " %d signals: %.0f peer(s) dropped",
                stall_growth[0], d->stall_n1, stall_growth[1], d->stall_n2, d->stall_signals, stall_dropped);
  }
  {
    double host = lookup (d, "tcp/same", "TCP_NODELAY, host sockets", STACK_RO);
    double replica = lookup (d, "tcp/same", "TCP_NODELAY, replica sockets", STACK_RO);

    add_target (targets, "TCP_NODELAY set (host and replica)", !isnan (host) && !isnan (replica),
                host == 1 && replica == 1, "host %s, replica %s",
                host == 1 ? "set" : "NOT SET", replica == 1 ? "set" : "NOT SET");
  }
  {
    double stalls = 0, w4max = 0;
    gboolean known = FALSE;
    const char *pinnings[] = { "tcp/same", "tcp/cross" };

    for (guint i = 0; i < G_N_ELEMENTS (pinnings); i++)
      {
        double s = lookup (d, pinnings[i], "W1 round trips >= 35 ms (Nagle)", STACK_RO);
        double m = lookup (d, pinnings[i], "W4 acquire 100 props, max", STACK_RO);

        if (!isnan (s))
          {
            known = TRUE;
            stalls += s;
          }
        if (!isnan (m))
          w4max = MAX (w4max, m);
      }
    add_target (targets, "No Nagle stalls in W1 or W4 over TCP", known, stalls == 0 && w4max < 35,
                "%.0f W1 round trips >= 35 ms; slowest W4 acquire %.2f ms", stalls, w4max);
  }
  return targets;
}

static void
print_targets (GPtrArray *targets)
{
  printf ("\n== Targets (Unix socket, source and replica on one CPU; TCP ones over TCP) ==\n");
  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);

      printf ("%-6s %-48s %s\n", !target->known ? "N/A" : target->pass ? "PASS" : "FAIL", target->name,
              target->measured);
    }
}

static void
json_number (GString *json,
             double   v)
{
  if (isnan (v) || isinf (v))
    g_string_append (json, "null");
  else
    g_string_append_printf (json, "%.6g", v);
}

static void
json_string (GString    *json,
             const char *s)
{
  g_string_append_c (json, '"');
  for (const char *p = s; *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_c (json, '\\');
      if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static char *
read_loadavg (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("unknown");
  g_strchomp (text);
  return g_strdup (text);
}

static char *
cpu_model (void)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) lines = NULL;

  if (!g_file_get_contents ("/proc/cpuinfo", &text, NULL, NULL))
    return g_strdup ("unknown");
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "model name"))
      return g_strdup (g_strstrip (strchr (lines[i], ':') + 1));
  return g_strdup ("unknown");
}

static gboolean
write_json (Driver     *d,
            const char *path,
            GPtrArray  *targets,
            const char *load_before,
            const char *load_after,
            GError    **error)
{
  g_autoptr(GString) json = g_string_new ("{\n");
  g_autofree char *model = cpu_model ();
  struct utsname uts;

  uname (&uts);
  g_string_append (json, "  \"machine\": {\"cpu\": ");
  json_string (json, model);
  g_string_append_printf (json, ", \"cpus\": %u, \"kernel\": ", g_get_num_processors ());
  json_string (json, uts.release);
  g_string_append (json, "},\n  \"quick\": ");
  g_string_append (json, d->quick ? "true" : "false");
  g_string_append (json, ",\n  \"loadavg_before\": ");
  json_string (json, load_before);
  g_string_append (json, ",\n  \"loadavg_after\": ");
  json_string (json, load_after);
  g_string_append_printf (json, ",\n  \"counts\": {\"w1\": %d, \"w1_warmup\": %d, \"w2\": %d, \"batch\": %d,"
                          " \"w3\": %d, \"w4_repeat\": %d, \"w4_processes\": %d, \"w4_connections\": %d,"
                          " \"w5_replicas\": %d, \"w5\": %d},\n",
                          d->w1_count, d->w1_warmup, d->w2_count, d->batch, d->w3_count, d->w4_repeat,
                          d->w4_procs, d->w4_conns, d->w5_replicas, d->w5_count);
  g_string_append (json, "  \"results\": [\n");
  for (guint i = 0; i < d->rows->len; i++)
    {
      Row *row = g_ptr_array_index (d->rows, i);

      g_string_append (json, "    {\"config\": ");
      json_string (json, row->config);
      g_string_append (json, ", \"metric\": ");
      json_string (json, row->metric);
      g_string_append (json, ", \"unit\": ");
      json_string (json, row->unit);
      for (int s = 0; s < N_STACKS; s++)
        {
          g_string_append_printf (json, ", \"%s\": ", stack_names[s]);
          if (row->texts[s] != NULL)
            json_string (json, row->texts[s]);
          else
            json_number (json, row->values[s]);
        }
      if (!row->no_ratio)
        {
          g_string_append (json, ", \"ro_over_raw\": ");
          json_number (json, row->values[STACK_RO] / row->values[STACK_RAW]);
          g_string_append (json, ", \"ro_over_raw1\": ");
          json_number (json, row->values[STACK_RO] / row->values[STACK_RAW1]);
          g_string_append (json, ", \"ro_over_gdbus\": ");
          json_number (json, row->values[STACK_RO] / row->values[STACK_GDBUS]);
        }
      g_string_append (json, i + 1 < d->rows->len ? "},\n" : "}\n");
    }
  g_string_append (json, "  ],\n  \"targets\": [\n");
  for (guint i = 0; i < targets->len; i++)
    {
      Target *target = g_ptr_array_index (targets, i);

      g_string_append (json, "    {\"name\": ");
      json_string (json, target->name);
      g_string_append (json, ", \"result\": ");
      json_string (json, !target->known ? "N/A" : target->pass ? "PASS" : "FAIL");
      g_string_append (json, ", \"measured\": ");
      json_string (json, target->measured);
      g_string_append (json, i + 1 < targets->len ? "},\n" : "}\n");
    }
  g_string_append (json, "  ],\n  \"notes\": [");
  for (guint i = 0; i < d->notes->len; i++)
    {
      if (i > 0)
        g_string_append (json, ", ");
      json_string (json, g_ptr_array_index (d->notes, i));
    }
  g_string_append (json, "]\n}\n");
  return g_file_set_contents (path, json->str, json->len, error);
}

static void
remove_tmpdir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *file = g_build_filename (path, name, NULL);

      g_unlink (file);
    }
  g_rmdir (path);
}

static int
usable_cpus (void)
{
  cpu_set_t set;

  if (sched_getaffinity (0, sizeof set, &set) != 0)
    return 1;
  return CPU_COUNT (&set);
}

static int
run_driver (gboolean    quick,
            const char *json_path,
            const char *only,
            const char *transports,
            const char *pinnings,
            const char *stacks)
{
  Driver driver = { 0 };
  Driver *d = &driver;
  g_autoptr(GPtrArray) configs = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) targets = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *load_before = read_loadavg ();
  g_autofree char *load_after = NULL;
  g_autofree char *model = cpu_model ();
  g_auto(GStrv) transport_list = g_strsplit (transports, ",", -1);
  g_auto(GStrv) pinning_list = g_strsplit (pinnings, ",", -1);
  g_auto(GStrv) stack_list = g_strsplit (stacks, ",", -1);
  double stall_growth[2] = { NAN, NAN }, stall_dropped = NAN, unused;
  gint64 t_begin = g_get_monotonic_time ();
  struct utsname uts;
  int status;

  d->quick = quick;
  d->w1_count = quick ? 2000 : 20000;
  d->w1_warmup = quick ? 200 : 2000;
  d->w2_count = quick ? 20000 : 100000;
  d->batch = 1000;
  d->w3_count = quick ? 20000 : 100000;
  d->w4_repeat = quick ? 5 : 20;
  d->w4_procs = 50;
  d->w4_conns = 50;
  d->w5_replicas = 20;
  d->w5_count = quick ? 2000 : 10000;
  d->stall_n1 = quick ? 300000 : 500000;
  d->stall_n2 = quick ? 1200000 : 2000000;
  d->stall_signals = quick ? 200000 : 200000;
  d->timeout_ms = quick ? 60000 : 120000;
  d->self = g_file_read_link ("/proc/self/exe", NULL);
  d->tmpdir = g_dir_make_tmp ("ro-bench-XXXXXX", &error);
  g_assert_no_error (error);
  d->rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  d->notes = g_ptr_array_new_with_free_func (g_free);
  d->children = g_ptr_array_new_with_free_func ((GDestroyNotify) child_free);
  if (only != NULL)
    d->only = g_strsplit (g_ascii_strdown (only, -1), ",", -1);
  for (int s = 0; s < N_STACKS; s++)
    d->stacks[s] = g_strv_contains ((const char * const *) stack_list, stack_names[s]);

  for (guint t = 0; transport_list[t] != NULL; t++)
    for (guint p = 0; pinning_list[p] != NULL; p++)
      {
        Config *config = g_new0 (Config, 1);

        config->transport = g_intern_string (transport_list[t]);
        config->pinning = g_intern_string (pinning_list[p]);
        config->server_cpu = 0;
        config->client_cpu = g_str_equal (config->pinning, "cross") ? 1 : 0;
        if (config->client_cpu >= usable_cpus ())
          {
            note (d, "only one CPU: %s/%s left out", config->transport, config->pinning);
            g_free (config);
            continue;
          }
        g_ptr_array_add (configs, config);
      }

  uname (&uts);
  printf ("ro-bench: libro-glib against raw sockets and GDBus peer to peer%s\n", quick ? " (--quick)" : "");
  printf ("machine: %s, %u CPUs, kernel %s; libro-glib %s, GLib %u.%u.%u\n", model, g_get_num_processors (),
          uts.release, RO_VERSION_S, glib_major_version, glib_minor_version, glib_micro_version);
  printf ("load average at start: %s\n", load_before);
  printf ("counts: W1 %d calls (+%d warm-up); W2 %d values, %d per iteration and in one batch;"
          " W3 %d signals, %d per iteration; W4 %d acquisitions, %d processes, %d connections;"
          " W5 %d replicas x %d values\n",
          d->w1_count, d->w1_warmup, d->w2_count, d->batch, d->w3_count, d->batch, d->w4_repeat, d->w4_procs,
          d->w4_conns, d->w5_replicas, d->w5_count);
  fflush (stdout);

  for (guint c = 0; c < configs->len; c++)
    {
      const Config *config = g_ptr_array_index (configs, c);

      g_printerr ("ro-bench: %s/%s ...\n", config->transport, config->pinning);
      for (int s = 0; s < N_STACKS; s++)
        {
          g_autofree char *label = NULL;

          if (!d->stacks[s])
            continue;
          if (s == STACK_RAW1)
            {
              /* Only the streams have a write per frame to compare with. */
              if (wanted (d, "w2"))
                {
                  label = g_strdup_printf ("W2 %d/iteration", d->batch);
                  run_stream (d, config, s, FALSE, d->w2_count, d->batch, label);
                  run_stream (d, config, s, FALSE, d->w2_count, d->w2_count, "W2 one batch");
                  g_clear_pointer (&label, g_free);
                }
              if (wanted (d, "w3"))
                {
                  label = g_strdup_printf ("W3 %d/iteration", d->batch);
                  run_stream (d, config, s, TRUE, d->w3_count, d->batch, label);
                }
              if (wanted (d, "w5"))
                run_w5 (d, config, s);
              finish_all (d);
              continue;
            }
          if (wanted (d, "w1"))
            run_w1 (d, config, s);
          if (wanted (d, "w2"))
            {
              label = g_strdup_printf ("W2 %d/iteration", d->batch);
              run_stream (d, config, s, FALSE, d->w2_count, d->batch, label);
              run_stream (d, config, s, FALSE, d->w2_count, d->w2_count, "W2 one batch");
            }
          if (wanted (d, "w3"))
            {
              g_free (label);
              label = g_strdup_printf ("W3 %d/iteration", d->batch);
              run_stream (d, config, s, TRUE, d->w3_count, d->batch, label);
            }
          if (wanted (d, "w4"))
            run_w4 (d, config, s);
          if (wanted (d, "w5"))
            run_w5 (d, config, s);
          finish_all (d);
        }
    }

  if (wanted (d, "stall") && d->stacks[STACK_RO] && configs->len > 0)
    {
      const Config *config = g_ptr_array_index (configs, 0);

      g_printerr ("ro-bench: a replica that stops reading ...\n");
      run_stall (d, config, FALSE, d->stall_n1, &stall_growth[0], &unused);
      run_stall (d, config, FALSE, d->stall_n2, &stall_growth[1], &unused);
      run_stall (d, config, TRUE, d->stall_signals, &unused, &stall_dropped);
      finish_all (d);
    }

  load_after = read_loadavg ();
  print_table (d, configs);
  targets = evaluate_targets (d, stall_growth, stall_dropped);
  print_targets (targets);
  printf ("\nA stopped reader (ro-glib, %s/%s): the host grew %.0f KiB after %d changes and %.0f KiB after %d;"
          " %d signals to it: %.0f peer(s) dropped.\n",
          configs->len > 0 ? ((Config *) g_ptr_array_index (configs, 0))->transport : "-",
          configs->len > 0 ? ((Config *) g_ptr_array_index (configs, 0))->pinning : "-",
          stall_growth[0], d->stall_n1, stall_growth[1], d->stall_n2, d->stall_signals, stall_dropped);
  for (guint i = 0; i < d->notes->len; i++)
    printf ("note: %s\n", (char *) g_ptr_array_index (d->notes, i));
  printf ("load average at end: %s; %.0f s in all\n", load_after,
          (g_get_monotonic_time () - t_begin) / 1e6);

  if (json_path != NULL && !write_json (d, json_path, targets, load_before, load_after, &error))
    g_printerr ("ro-bench: cannot write %s: %s\n", json_path, error->message);

  remove_tmpdir (d->tmpdir);
  g_free (d->tmpdir);
  status = d->failures > 0 ? 1 : 0;
  g_free (d->self);
  g_strfreev (d->only);
  g_ptr_array_unref (d->rows);
  g_ptr_array_unref (d->notes);
  g_ptr_array_unref (d->children);
  /* The targets are figures to read, not a verdict: only a benchmark that
   * could not measure fails. */
  return status;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = g_option_context_new ("- the performance benchmark of libro-glib");
  g_autoptr(GError) error = NULL;
  g_autofree char *role = NULL, *stack = NULL, *url = NULL, *workload = NULL, *json = NULL, *only = NULL;
  g_autofree char *transports = NULL, *pinnings = NULL, *stacks = NULL;
  gboolean quick = FALSE;
  BenchArgs args = { 0 };
  int cpu = -1, count = 0, warmup = 0, repeat = 1, conns = 1;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "Reduced counts (meson test --benchmark)", NULL },
    { "json", 0, 0, G_OPTION_ARG_FILENAME, &json, "Also write the results to FILE as JSON", "FILE" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Run only these of w1,w2,w3,w4,w5,stall", "LIST" },
    { "transports", 0, 0, G_OPTION_ARG_STRING, &transports, "unix,tcp (the default)", "LIST" },
    { "pinnings", 0, 0, G_OPTION_ARG_STRING, &pinnings, "same,cross (the default)", "LIST" },
    { "stacks", 0, 0, G_OPTION_ARG_STRING, &stacks, "ro,raw,raw1,gdbus (the default)", "LIST" },
    { "role", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &role, "server or client", "ROLE" },
    { "stack", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &stack, "ro, raw or gdbus", "STACK" },
    { "url", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &url, "Address", "URL" },
    { "workload", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_STRING, &workload, "Client workload", "W" },
    { "cpu", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &cpu, "Pin to this CPU", "N" },
    { "count", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &count, "Count", "N" },
    { "warmup", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &warmup, "Warm-up calls", "N" },
    { "repeat", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &repeat, "Repetitions", "N" },
    { "conns", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &conns, "Connections", "N" },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("ro-bench: %s\n", error->message);
      return 2;
    }

  if (role == NULL)
    return run_driver (quick, json, only, transports != NULL ? transports : "unix,tcp",
                       pinnings != NULL ? pinnings : "same,cross",
                       stacks != NULL ? stacks : "ro,raw,raw1,gdbus");

  /* A peer: pinned before anything can start a thread. */
  bench_pin_to_cpu (cpu);
  /* Safety nets, should the driver die or forget us. */
  prctl (PR_SET_PDEATHSIG, SIGKILL);
  alarm (900);
  args.stack = stack;
  args.url = url;
  args.workload = workload;
  args.cpu = cpu;
  args.count = count;
  args.warmup = warmup;
  args.repeat = MAX (repeat, 1);
  args.conns = MAX (conns, 1);
  if (stack == NULL || url == NULL)
    {
      g_printerr ("ro-bench: --role needs --stack and --url\n");
      return 2;
    }

  if (g_str_equal (role, "server"))
    {
      if (g_str_equal (stack, "ro"))
        return bench_ro_server (&args);
      if (g_str_equal (stack, "raw"))
        return bench_raw_server (&args);
      if (g_str_equal (stack, "gdbus"))
        return bench_gdbus_server (&args);
    }
  else if (g_str_equal (role, "client") && workload != NULL)
    {
      if (g_str_equal (stack, "ro"))
        return bench_ro_client (&args);
      if (g_str_equal (stack, "raw"))
        return bench_raw_client (&args);
      if (g_str_equal (stack, "gdbus"))
        return bench_gdbus_client (&args);
    }

  g_printerr ("ro-bench: unknown role or stack\n");
  return 2;
}
