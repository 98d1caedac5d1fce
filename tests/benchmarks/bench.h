/* bench.h: the parts of ro-bench that its roles share
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * ro-bench runs as a driver that starts itself again as peer processes:
 *
 *   ro-bench --role=server --stack=STACK --transport=T --url=ADDR --cpu=N
 *   ro-bench --role=client --stack=STACK --workload=W --url=ADDR --cpu=N ...
 *
 * STACK is "ro" (libro-glib through its public API), "raw" (plain sockets
 * and fixed-size frames) or "gdbus" (GDBusServer peer to peer). Every stack
 * speaks the same line protocol with the driver:
 *
 * A server prints "READY <address>" once listening, then takes commands on
 * stdin, one a line, and answers each on stdout:
 *   props N B     set the int property to cur+1 .. cur+N, B values per main
 *                 loop iteration: "START <t0>", then "DONE <t1>"
 *   signals N B   emit the 64-byte string signal N times, B per iteration:
 *                 "START <t0>", then "DONE <t1>"
 *   hwm-reset     reset the peak RSS (VmHWM): "OK"
 *   mem           "MEM rss=KiB hwm=KiB anon=KiB dropped=N"
 *   nodelay       "NODELAY set=N total=N" over its connected TCP sockets
 * and exits when stdin closes.
 *
 * A client prints "READY" when it follows the source (for the workloads the
 * server drives) and "RESULT key=value ..." at the end. Times are
 * g_get_monotonic_time() values, comparable between processes.
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define BENCH_PAYLOAD_SIZE   64   /* W3: the signal's string argument */
#define BENCH_WIDE_PROPS     100  /* W4: properties of the wide source */

typedef struct
{
  const char *stack;
  const char *transport;
  const char *url;
  const char *workload;
  int cpu;
  int count;
  int warmup;
  int repeat;
  int conns;
} BenchArgs;

/* bench-util.c */
void      bench_pin_to_cpu        (int          cpu);
void      bench_read_memory       (guint64     *rss_kib,
                                   guint64     *hwm_kib,
                                   guint64     *anon_kib);
gboolean  bench_reset_hwm         (void);
void      bench_count_tcp_nodelay (guint       *n_set,
                                   guint       *n_total);
void      bench_print             (const char  *format,
                                   ...) G_GNUC_PRINTF (1, 2);
void      bench_print_mem         (guint        dropped);
char     *bench_payload           (void);
int       bench_compare_gint64    (gconstpointer a,
                                   gconstpointer b);
gint64    bench_percentile        (gint64      *sorted,
                                   gsize        n,
                                   double       p);
void      bench_print_latencies   (const char  *prefix,
                                   gint64      *latencies,
                                   gsize        n,
                                   gint64       elapsed);

/* W1 with asynchronous calls, on a GLib-based stack (ro, gdbus): @issue
 * starts call number @i, add (i, 1), on @calls->stack, and its callback
 * hands the sum to bench_calls_answered(). The latencies, the time and the
 * TCP_NODELAY count are printed as a RESULT line. */
typedef struct _BenchCalls BenchCalls;
typedef void (*BenchIssueFunc) (BenchCalls *calls,
                                int         i);
struct _BenchCalls
{
  BenchIssueFunc issue;
  gpointer stack;
  const char *name;   /* for error messages */
  int i;
  int total;
  int warmup;
  gint64 t_call;
  gint64 t_start;
  gint64 *latencies;
  gboolean done;
};

int       bench_run_calls         (const BenchArgs *args,
                                   const char      *name,
                                   BenchIssueFunc   issue,
                                   gpointer         stack);
void      bench_calls_answered    (BenchCalls      *calls,
                                   int              sum);
char     *bench_read_stdin_line   (void);
void      bench_wait_stdin_eof    (void);

/* The command loop of the GLib-based servers (ro, gdbus): runs the
 * default main context until stdin closes. */
typedef struct
{
  void  (*set_value) (gpointer data, int value);
  void  (*emit_ping) (gpointer data, const char *payload);
  guint (*dropped)   (gpointer data);
} BenchServerOps;

void      bench_serve_stdin       (const BenchServerOps *ops,
                                   gpointer              data);

/* One per stack; each returns the process's exit status. */
int       bench_ro_server         (const BenchArgs *args);
int       bench_ro_client         (const BenchArgs *args);
int       bench_raw_server        (const BenchArgs *args);
int       bench_raw_client        (const BenchArgs *args);
int       bench_gdbus_server      (const BenchArgs *args);
int       bench_gdbus_client      (const BenchArgs *args);

G_END_DECLS
