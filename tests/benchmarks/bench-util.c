/* bench-util.c: pinning, memory figures and output shared by the roles
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>

#include <glib-unix.h>

#include "bench.h"

/* Called first thing in a peer process, before GLib starts any thread, so
 * that every thread (GDBus's worker included) inherits the mask. */
void
bench_pin_to_cpu (int cpu)
{
  cpu_set_t set;

  if (cpu < 0)
    return;
  CPU_ZERO (&set);
  CPU_SET (cpu, &set);
  if (sched_setaffinity (0, sizeof set, &set) != 0)
    g_printerr ("ro-bench: cannot pin to CPU %d: %s\n", cpu, g_strerror (errno));
}

void
bench_read_memory (guint64 *rss_kib,
                   guint64 *hwm_kib,
                   guint64 *anon_kib)
{
  g_autofree char *status = NULL;
  g_auto(GStrv) lines = NULL;

  *rss_kib = *hwm_kib = *anon_kib = 0;
  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return;
  lines = g_strsplit (status, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      if (g_str_has_prefix (lines[i], "VmRSS:"))
        *rss_kib = g_ascii_strtoull (lines[i] + 6, NULL, 10);
      else if (g_str_has_prefix (lines[i], "VmHWM:"))
        *hwm_kib = g_ascii_strtoull (lines[i] + 6, NULL, 10);
      else if (g_str_has_prefix (lines[i], "RssAnon:"))
        *anon_kib = g_ascii_strtoull (lines[i] + 8, NULL, 10);
    }
}

/* Writing 5 to clear_refs sets VmHWM back to the current RSS (Linux 4.0). */
gboolean
bench_reset_hwm (void)
{
  int fd = open ("/proc/self/clear_refs", O_WRONLY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = write (fd, "5", 1) == 1;
  close (fd);
  return ok;
}

/* Counts this process's connected TCP sockets and those with TCP_NODELAY. */
void
bench_count_tcp_nodelay (guint *n_set,
                         guint *n_total)
{
  g_autoptr(GDir) dir = g_dir_open ("/proc/self/fd", 0, NULL);
  const char *name;

  *n_set = *n_total = 0;
  if (dir == NULL)
    return;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      int fd = atoi (name);
      struct sockaddr_storage address;
      socklen_t length = sizeof address;
      int listening = 0, nodelay = 0;
      socklen_t option_length = sizeof listening;

      if (getpeername (fd, (struct sockaddr *) &address, &length) != 0)
        continue;  /* not a connected socket */
      if (address.ss_family != AF_INET && address.ss_family != AF_INET6)
        continue;
      if (getsockopt (fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &option_length) == 0 && listening)
        continue;
      option_length = sizeof nodelay;
      if (getsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &option_length) != 0)
        continue;
      (*n_total)++;
      if (nodelay)
        (*n_set)++;
    }
}

void
bench_print (const char *format,
             ...)
{
  va_list args;

  va_start (args, format);
  vprintf (format, args);
  va_end (args);
  putchar ('\n');
  fflush (stdout);
}

void
bench_print_mem (guint dropped)
{
  guint64 rss, hwm, anon;

  bench_read_memory (&rss, &hwm, &anon);
  bench_print ("MEM rss=%" G_GUINT64_FORMAT " hwm=%" G_GUINT64_FORMAT " anon=%" G_GUINT64_FORMAT " dropped=%u",
               rss, hwm, anon, dropped);
}

/* The W3 signal argument: 64 printable bytes. */
char *
bench_payload (void)
{
  char *payload = g_malloc (BENCH_PAYLOAD_SIZE + 1);

  for (int i = 0; i < BENCH_PAYLOAD_SIZE; i++)
    payload[i] = 'a' + i % 26;
  payload[BENCH_PAYLOAD_SIZE] = '\0';
  return payload;
}

int
bench_compare_gint64 (gconstpointer a,
                      gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

gint64
bench_percentile (gint64 *sorted,
                  gsize   n,
                  double  p)
{
  gsize index;

  if (n == 0)
    return 0;
  index = (gsize) (p * (double) (n - 1) + 0.5);
  return sorted[MIN (index, n - 1)];
}

/* Sorts @latencies (µs) and prints the RESULT line of a round-trip run. */
void
bench_print_latencies (const char *prefix,
                       gint64     *latencies,
                       gsize       n,
                       gint64      elapsed)
{
  gsize stalls = 0;

  qsort (latencies, n, sizeof (gint64), bench_compare_gint64);
  /* Nagle against delayed ACK shows as a round trip of 40 ms or more. */
  for (gsize i = 0; i < n; i++)
    if (latencies[i] >= 35000)
      stalls++;
  bench_print ("RESULT %sn=%" G_GSIZE_FORMAT " elapsed_us=%" G_GINT64_FORMAT " rate=%.1f"
               " median_us=%" G_GINT64_FORMAT " p99_us=%" G_GINT64_FORMAT " max_us=%" G_GINT64_FORMAT
               " stalls=%" G_GSIZE_FORMAT,
               prefix, n, elapsed, elapsed > 0 ? (double) n * G_USEC_PER_SEC / (double) elapsed : 0.0,
               bench_percentile (latencies, n, 0.5), bench_percentile (latencies, n, 0.99),
               n > 0 ? latencies[n - 1] : 0, stalls);
}

static void
issue_next (BenchCalls *calls)
{
  calls->t_call = g_get_monotonic_time ();
  calls->issue (calls, calls->i);
}

void
bench_calls_answered (BenchCalls *calls,
                      int         sum)
{
  gint64 now = g_get_monotonic_time ();

  if (sum != calls->i + 1)
    g_error ("ro-bench: %s: add (%d, 1) returned %d", calls->name, calls->i, sum);
  if (calls->i >= calls->warmup)
    calls->latencies[calls->i - calls->warmup] = now - calls->t_call;
  if (calls->i + 1 == calls->warmup)
    calls->t_start = now;
  if (++calls->i < calls->total)
    issue_next (calls);
  else
    calls->done = TRUE;
}

int
bench_run_calls (const BenchArgs *args,
                 const char      *name,
                 BenchIssueFunc   issue,
                 gpointer         stack)
{
  BenchCalls calls = { issue, stack, name, 0, args->warmup + args->count, args->warmup };
  g_autofree char *prefix = NULL;
  guint set, total;

  calls.latencies = g_new0 (gint64, args->count);
  calls.t_start = g_get_monotonic_time ();
  issue_next (&calls);
  while (!calls.done)
    g_main_context_iteration (NULL, TRUE);

  bench_count_tcp_nodelay (&set, &total);
  prefix = g_strdup_printf ("nodelay=%u/%u ", set, total);
  bench_print_latencies (prefix, calls.latencies, args->count, g_get_monotonic_time () - calls.t_start);
  g_free (calls.latencies);
  return 0;
}

/* Blocking, without stdio buffering, so that poll() on fd 0 stays right. */
char *
bench_read_stdin_line (void)
{
  GString *line = g_string_new (NULL);

  for (;;)
    {
      char c;
      ssize_t n = read (0, &c, 1);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          if (line->len == 0)
            {
              g_string_free (line, TRUE);
              return NULL;
            }
          break;
        }
      if (c == '\n')
        break;
      g_string_append_c (line, c);
    }
  return g_string_free (line, FALSE);
}

void
bench_wait_stdin_eof (void)
{
  char *line;

  while ((line = bench_read_stdin_line ()) != NULL)
    g_free (line);
}

/* The GLib servers' command loop */

typedef struct
{
  const BenchServerOps *ops;
  gpointer data;
  GMainLoop *loop;
  GString *buffer;
  int value;
  char *payload;
  /* the burst in progress */
  gboolean signals;
  int left;
  int batch;
  gboolean started;
} Server;

static gboolean
burst_cb (gpointer user_data)
{
  Server *server = user_data;
  int n = MIN (server->batch, server->left);

  if (!server->started)
    {
      server->started = TRUE;
      bench_print ("START %" G_GINT64_FORMAT, g_get_monotonic_time ());
    }
  for (int i = 0; i < n; i++)
    {
      if (server->signals)
        server->ops->emit_ping (server->data, server->payload);
      else
        server->ops->set_value (server->data, ++server->value);
    }
  server->left -= n;
  if (server->left > 0)
    return G_SOURCE_CONTINUE;

  bench_print ("DONE %" G_GINT64_FORMAT, g_get_monotonic_time ());
  return G_SOURCE_REMOVE;
}

static void
server_command (Server     *server,
                const char *line)
{
  g_auto(GStrv) words = g_strsplit (line, " ", -1);

  if ((g_strcmp0 (words[0], "props") == 0 || g_strcmp0 (words[0], "signals") == 0) &&
      words[1] != NULL && words[2] != NULL)
    {
      server->signals = words[0][0] == 's';
      server->left = atoi (words[1]);
      server->batch = MAX (atoi (words[2]), 1);
      server->started = FALSE;
      /* Below the library's own sources: they run between two batches. */
      g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, burst_cb, server, NULL);
    }
  else if (g_strcmp0 (words[0], "hwm-reset") == 0)
    bench_print ("OK reset=%d", bench_reset_hwm ());
  else if (g_strcmp0 (words[0], "mem") == 0)
    bench_print_mem (server->ops->dropped != NULL ? server->ops->dropped (server->data) : 0);
  else if (g_strcmp0 (words[0], "nodelay") == 0)
    {
      guint set, total;

      bench_count_tcp_nodelay (&set, &total);
      bench_print ("NODELAY set=%u total=%u", set, total);
    }
  else
    bench_print ("ERROR unknown command %s", line);
}

static gboolean
stdin_cb (int          fd,
          GIOCondition condition,
          gpointer     user_data)
{
  Server *server = user_data;
  char chunk[4096];
  ssize_t n = read (fd, chunk, sizeof chunk);
  char *newline;

  if (n < 0 && (errno == EINTR || errno == EAGAIN))
    return G_SOURCE_CONTINUE;
  if (n <= 0)
    {
      g_main_loop_quit (server->loop);
      return G_SOURCE_REMOVE;
    }

  g_string_append_len (server->buffer, chunk, n);
  while ((newline = memchr (server->buffer->str, '\n', server->buffer->len)) != NULL)
    {
      g_autofree char *line = g_strndup (server->buffer->str, newline - server->buffer->str);

      g_string_erase (server->buffer, 0, newline - server->buffer->str + 1);
      server_command (server, line);
    }
  return G_SOURCE_CONTINUE;
}

void
bench_serve_stdin (const BenchServerOps *ops,
                   gpointer              data)
{
  Server server = { 0 };

  server.ops = ops;
  server.data = data;
  server.loop = g_main_loop_new (NULL, FALSE);
  server.buffer = g_string_new (NULL);
  server.payload = bench_payload ();
  g_unix_fd_add (0, G_IO_IN | G_IO_HUP | G_IO_ERR, stdin_cb, &server);
  g_main_loop_run (server.loop);
  g_main_loop_unref (server.loop);
  g_string_free (server.buffer, TRUE);
  g_free (server.payload);
}
