/* bench-raw.c: the raw socket baseline of ro-bench (the physical limit)
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Blocking sockets and minimal fixed-size frames, no library in between:
 *   request   12 bytes: u32 op, i32 a, i32 b
 *     op ADD        reply 4 bytes, a + b
 *     op ACQUIRE    reply BENCH_WIDE_PROPS * 4 bytes, the wide source's values
 *     op SUBSCRIBE  reply 4 bytes; the server streams to subscribers:
 *   value     8 bytes: u32 kind 1, i32 value                  (W2, W5)
 *   ping      4 + BENCH_PAYLOAD_SIZE bytes: u32 kind 2, text  (W3)
 * The server writes a burst B frames per write(), the same batches that
 * the other stacks send per main loop iteration. TCP_NODELAY is set on
 * both ends, as libro-glib does.
 */

#include <errno.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sys/socket.h>
#include <sys/un.h>

#include "bench.h"

enum { OP_ADD = 1, OP_ACQUIRE = 2, OP_SUBSCRIBE = 3 };
enum { KIND_VALUE = 1, KIND_PING = 2 };

#define REQUEST_SIZE 12
#define VALUE_FRAME  8
#define PING_FRAME   (4 + BENCH_PAYLOAD_SIZE)

static void
write_all (int         fd,
           const void *data,
           gsize       size)
{
  const guint8 *p = data;

  while (size > 0)
    {
      ssize_t n = write (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return;  /* the peer went away; its reader notices */
      p += n;
      size -= n;
    }
}

static gboolean
read_all (int    fd,
          void  *data,
          gsize  size)
{
  guint8 *p = data;

  while (size > 0)
    {
      ssize_t n = read (fd, p, size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      p += n;
      size -= n;
    }
  return TRUE;
}

static void
set_nodelay (int fd)
{
  int one = 1;

  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
}

/* "unix:/path" or "tcp:127.0.0.1:PORT" (port 0 when listening: any) */
static int
open_socket (const char *url,
             gboolean    listening,
             char      **bound)
{
  int fd;

  if (g_str_has_prefix (url, "unix:"))
    {
      struct sockaddr_un address = { .sun_family = AF_UNIX };

      g_strlcpy (address.sun_path, url + 5, sizeof address.sun_path);
      fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (listening)
        {
          unlink (address.sun_path);
          if (bind (fd, (struct sockaddr *) &address, sizeof address) != 0 || listen (fd, 256) != 0)
            g_error ("ro-bench: raw: cannot listen on %s: %s", url, g_strerror (errno));
          *bound = g_strdup (url);
        }
      else if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
        g_error ("ro-bench: raw: cannot connect to %s: %s", url, g_strerror (errno));
    }
  else
    {
      struct sockaddr_in address = { .sin_family = AF_INET };
      const char *port = strrchr (url, ':');
      int one = 1;

      address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
      address.sin_port = htons (port != NULL ? atoi (port + 1) : 0);
      fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
      if (listening)
        {
          socklen_t length = sizeof address;

          setsockopt (fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
          if (bind (fd, (struct sockaddr *) &address, sizeof address) != 0 || listen (fd, 256) != 0)
            g_error ("ro-bench: raw: cannot listen on %s: %s", url, g_strerror (errno));
          getsockname (fd, (struct sockaddr *) &address, &length);
          *bound = g_strdup_printf ("tcp:127.0.0.1:%u", ntohs (address.sin_port));
        }
      else
        {
          set_nodelay (fd);
          if (connect (fd, (struct sockaddr *) &address, sizeof address) != 0)
            g_error ("ro-bench: raw: cannot connect to %s: %s", url, g_strerror (errno));
        }
    }
  return fd;
}

/* The server */

typedef struct
{
  int fd;
  guint8 buffer[REQUEST_SIZE];
  gsize filled;
  gboolean subscribed;
} Client;

static void
burst (GPtrArray *clients,
       gboolean   signals,
       int        n,
       int        batch,
       int       *value)
{
  gsize frame_size = signals ? PING_FRAME : VALUE_FRAME;
  g_autofree guint8 *buffer = g_malloc (frame_size * batch);
  g_autofree char *payload = bench_payload ();

  bench_print ("START %" G_GINT64_FORMAT, g_get_monotonic_time ());
  for (int done = 0; done < n; )
    {
      int count = MIN (batch, n - done);

      for (int i = 0; i < count; i++)
        {
          guint8 *frame = buffer + i * frame_size;
          guint32 kind = signals ? KIND_PING : KIND_VALUE;

          memcpy (frame, &kind, 4);
          if (signals)
            memcpy (frame + 4, payload, BENCH_PAYLOAD_SIZE);
          else
            {
              gint32 v = ++*value;

              memcpy (frame + 4, &v, 4);
            }
        }
      for (guint c = 0; c < clients->len; c++)
        {
          Client *client = g_ptr_array_index (clients, c);

          if (client->subscribed)
            write_all (client->fd, buffer, frame_size * count);
        }
      done += count;
    }
  bench_print ("DONE %" G_GINT64_FORMAT, g_get_monotonic_time ());
}

static void
serve_request (Client *client)
{
  guint32 op;
  gint32 a, b;

  memcpy (&op, client->buffer, 4);
  memcpy (&a, client->buffer + 4, 4);
  memcpy (&b, client->buffer + 8, 4);
  switch (op)
    {
    case OP_ADD:
      {
        gint32 sum = a + b;

        write_all (client->fd, &sum, 4);
      }
      break;
    case OP_ACQUIRE:
      {
        gint32 values[BENCH_WIDE_PROPS];

        for (int i = 0; i < BENCH_WIDE_PROPS; i++)
          values[i] = i;
        write_all (client->fd, values, sizeof values);
      }
      break;
    case OP_SUBSCRIBE:
      {
        gint32 ack = 0;

        client->subscribed = TRUE;
        write_all (client->fd, &ack, 4);
      }
      break;
    default:
      break;
    }
}

int
bench_raw_server (const BenchArgs *args)
{
  g_autofree char *bound = NULL;
  int listener = open_socket (args->url, TRUE, &bound);
  g_autoptr(GPtrArray) clients = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) commands = g_string_new (NULL);
  int value = 0;

  bench_print ("READY %s", bound);

  for (;;)
    {
      g_autofree struct pollfd *fds = g_new0 (struct pollfd, clients->len + 2);

      fds[0].fd = 0;
      fds[0].events = POLLIN;
      fds[1].fd = listener;
      fds[1].events = POLLIN;
      for (guint i = 0; i < clients->len; i++)
        {
          fds[i + 2].fd = ((Client *) g_ptr_array_index (clients, i))->fd;
          fds[i + 2].events = POLLIN;
        }
      if (poll (fds, clients->len + 2, -1) < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("ro-bench: raw: poll: %s", g_strerror (errno));
        }

      /* Clients first, so that the list matches the poll array. */
      for (guint i = clients->len; i-- > 0; )
        {
          Client *client = g_ptr_array_index (clients, i);
          ssize_t n;

          if (fds[i + 2].revents == 0)
            continue;
          n = read (client->fd, client->buffer + client->filled, REQUEST_SIZE - client->filled);
          if (n <= 0)
            {
              close (client->fd);
              g_ptr_array_remove_index (clients, i);
              continue;
            }
          client->filled += n;
          if (client->filled == REQUEST_SIZE)
            {
              client->filled = 0;
              serve_request (client);
            }
        }

      if (fds[1].revents & POLLIN)
        {
          int fd = accept4 (listener, NULL, NULL, SOCK_CLOEXEC);

          if (fd >= 0)
            {
              Client *client = g_new0 (Client, 1);

              if (!g_str_has_prefix (bound, "unix:"))
                set_nodelay (fd);
              client->fd = fd;
              g_ptr_array_add (clients, client);
            }
        }

      if (fds[0].revents != 0)
        {
          char chunk[1024];
          ssize_t n = read (0, chunk, sizeof chunk);
          char *newline;

          if (n <= 0)
            break;
          g_string_append_len (commands, chunk, n);
          while ((newline = memchr (commands->str, '\n', commands->len)) != NULL)
            {
              g_autofree char *line = g_strndup (commands->str, newline - commands->str);
              g_auto(GStrv) words = g_strsplit (line, " ", -1);

              g_string_erase (commands, 0, newline - commands->str + 1);
              if ((g_str_equal (words[0], "props") || g_str_equal (words[0], "signals")) &&
                  words[1] != NULL && words[2] != NULL)
                burst (clients, words[0][0] == 's', atoi (words[1]), MAX (atoi (words[2]), 1), &value);
              else if (g_str_equal (words[0], "hwm-reset"))
                bench_print ("OK reset=%d", bench_reset_hwm ());
              else if (g_str_equal (words[0], "mem"))
                bench_print_mem (0);
              else if (g_str_equal (words[0], "nodelay"))
                {
                  guint set, total;

                  bench_count_tcp_nodelay (&set, &total);
                  bench_print ("NODELAY set=%u total=%u", set, total);
                }
              else
                bench_print ("ERROR unknown command %s", line);
            }
        }
    }

  for (guint i = 0; i < clients->len; i++)
    close (((Client *) g_ptr_array_index (clients, i))->fd);
  close (listener);
  if (g_str_has_prefix (bound, "unix:"))
    unlink (bound + 5);
  return 0;
}

/* The clients */

static void
request (int    fd,
         guint32 op,
         gint32 a,
         gint32 b)
{
  guint8 buffer[REQUEST_SIZE];

  memcpy (buffer, &op, 4);
  memcpy (buffer + 4, &a, 4);
  memcpy (buffer + 8, &b, 4);
  write_all (fd, buffer, sizeof buffer);
}

static void
acquire_reply (int fd)
{
  gint32 values[BENCH_WIDE_PROPS];

  if (!read_all (fd, values, sizeof values) || values[BENCH_WIDE_PROPS - 1] != BENCH_WIDE_PROPS - 1)
    g_error ("ro-bench: raw: bad acquire reply");
}

static int
acquire_one (const char *url)
{
  int fd = open_socket (url, FALSE, NULL);

  request (fd, OP_ACQUIRE, 0, 0);
  acquire_reply (fd);
  return fd;
}

static int
run_calls (int              fd,
           const BenchArgs *args)
{
  g_autofree gint64 *latencies = g_new0 (gint64, args->count);
  gint64 t_start = 0;
  guint set, total;

  for (int i = 0; i < args->warmup + args->count; i++)
    {
      gint64 t = g_get_monotonic_time ();
      gint32 sum;

      if (i == args->warmup)
        t_start = t;
      request (fd, OP_ADD, i, 1);
      if (!read_all (fd, &sum, 4) || sum != i + 1)
        g_error ("ro-bench: raw: bad add reply");
      if (i >= args->warmup)
        latencies[i - args->warmup] = g_get_monotonic_time () - t;
    }
  bench_count_tcp_nodelay (&set, &total);
  {
    g_autofree char *prefix = g_strdup_printf ("nodelay=%u/%u ", set, total);

    bench_print_latencies (prefix, latencies, args->count, g_get_monotonic_time () - t_start);
  }
  return 0;
}

static int
run_stream (int              fd,
            const BenchArgs *args,
            gboolean         signals)
{
  gsize frame_size = signals ? PING_FRAME : VALUE_FRAME;
  g_autofree guint8 *buffer = g_malloc (65536);
  gsize filled = 0;
  gint32 ack;
  guint received = 0, distinct = 0;
  gint32 last = 0;
  gboolean in_order = TRUE, payload_ok = TRUE;
  gint64 t_first = 0, t_last = 0;

  request (fd, OP_SUBSCRIBE, 0, 0);
  if (!read_all (fd, &ack, 4))
    g_error ("ro-bench: raw: no subscribe reply");
  bench_print ("READY");

  while (t_last == 0)
    {
      ssize_t n = read (fd, buffer + filled, 65536 - filled);
      gsize offset = 0;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        g_error ("ro-bench: raw: the server went away");
      filled += n;
      for (; filled - offset >= frame_size; offset += frame_size)
        {
          const guint8 *frame = buffer + offset;

          if (received++ == 0)
            {
              t_first = g_get_monotonic_time ();
              if (signals)
                payload_ok = memchr (frame + 4, '\0', BENCH_PAYLOAD_SIZE) == NULL;
            }
          if (signals)
            {
              if (received == (guint) args->count)
                t_last = g_get_monotonic_time ();
            }
          else
            {
              gint32 v;

              memcpy (&v, frame + 4, 4);
              if (v != last + 1)
                in_order = FALSE;
              if (v > last)
                distinct++;
              last = v;
              if (v == args->count)
                t_last = g_get_monotonic_time ();
            }
        }
      memmove (buffer, buffer + offset, filled - offset);
      filled -= offset;
    }

  if (signals)
    bench_print ("RESULT received=%u payload_ok=%d t_last=%" G_GINT64_FORMAT, received, payload_ok, t_last);
  else
    bench_print ("RESULT received=%u distinct=%u in_order=%d last=%d t_first=%" G_GINT64_FORMAT
                 " t_last=%" G_GINT64_FORMAT,
                 received, distinct, in_order, last, t_first, t_last);
  return 0;
}

static int
run_acquire (const BenchArgs *args)
{
  g_autofree gint64 *times = g_new0 (gint64, args->repeat);
  guint set = 0, total = 0;

  for (int i = 0; i < args->repeat; i++)
    {
      gint64 t0 = g_get_monotonic_time ();
      int fd = acquire_one (args->url);

      times[i] = g_get_monotonic_time () - t0;
      if (i == 0)
        bench_count_tcp_nodelay (&set, &total);
      close (fd);
    }
  {
    gint64 first = times[0];

    qsort (times, args->repeat, sizeof (gint64), bench_compare_gint64);
    bench_print ("RESULT first_us=%" G_GINT64_FORMAT " median_us=%" G_GINT64_FORMAT " max_us=%" G_GINT64_FORMAT
                 " nodelay=%u/%u",
                 first, bench_percentile (times, args->repeat, 0.5), times[args->repeat - 1], set, total);
  }
  return 0;
}

static int
run_acquire_many (const BenchArgs *args)
{
  g_autofree int *fds = g_new0 (int, args->conns);
  guint64 rss_before, rss_after, hwm, anon;
  gint64 t0, elapsed;

  bench_read_memory (&rss_before, &hwm, &anon);
  t0 = g_get_monotonic_time ();
  for (int i = 0; i < args->conns; i++)
    {
      fds[i] = open_socket (args->url, FALSE, NULL);
      request (fds[i], OP_ACQUIRE, 0, 0);
    }
  for (int i = 0; i < args->conns; i++)
    acquire_reply (fds[i]);
  elapsed = g_get_monotonic_time () - t0;
  bench_read_memory (&rss_after, &hwm, &anon);
  bench_print ("RESULT elapsed_us=%" G_GINT64_FORMAT " rss_before=%" G_GUINT64_FORMAT
               " rss_after=%" G_GUINT64_FORMAT,
               elapsed, rss_before, rss_after);
  bench_wait_stdin_eof ();
  for (int i = 0; i < args->conns; i++)
    close (fds[i]);
  return 0;
}

int
bench_raw_client (const BenchArgs *args)
{
  int fd;

  if (g_str_equal (args->workload, "acquire"))
    return run_acquire (args);
  if (g_str_equal (args->workload, "acquire-many"))
    return run_acquire_many (args);
  if (g_str_equal (args->workload, "acquire-hold"))
    {
      fd = acquire_one (args->url);
      bench_print ("RESULT t_valid=%" G_GINT64_FORMAT, g_get_monotonic_time ());
      bench_wait_stdin_eof ();
      close (fd);
      return 0;
    }

  fd = open_socket (args->url, FALSE, NULL);
  if (g_str_equal (args->workload, "call"))
    return run_calls (fd, args);
  if (g_str_equal (args->workload, "props"))
    return run_stream (fd, args, FALSE);
  if (g_str_equal (args->workload, "signals"))
    return run_stream (fd, args, TRUE);
  if (g_str_equal (args->workload, "stall"))
    {
      gint32 ack;

      request (fd, OP_SUBSCRIBE, 0, 0);
      read_all (fd, &ack, 4);
      bench_print ("READY");
      bench_wait_stdin_eof ();
      return 0;
    }

  g_printerr ("ro-bench: unknown workload %s\n", args->workload);
  return 2;
}
