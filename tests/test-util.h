/* test-util.h: helpers shared by the tests that spawn ro-test-daemon
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <ro-glib/ro-glib.h>

G_BEGIN_DECLS

/* Iterates the default context until @cond holds; fails after 15 s. The
 * test must keep a periodic source (test_util_init() adds one) so that
 * blocking iterations wake up to check. */
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
  GSubprocess *process;
  GOutputStream *in;
  GDataInputStream *out;
  char *url;
} TestDaemon;

void        test_util_init      (void);
/* Runs ro-test-daemon with the arguments (NULL-terminated) and waits for
 * its READY line. */
TestDaemon *test_daemon_start   (const char *first_arg,
                                 ...) G_GNUC_NULL_TERMINATED;
/* Sends one command on its stdin and waits until it was run. */
void        test_daemon_send    (TestDaemon *daemon,
                                 const char *command);
void        test_daemon_signal  (TestDaemon *daemon,
                                 int         signum);
/* Sends a command that prints one line before its DONE line (such as
 * "stats") and returns that line. */
char       *test_daemon_query   (TestDaemon *daemon,
                                 const char *command);
/* Reads one line, iterating the default context meanwhile; fails after
 * @timeout_s seconds. NULL at the end of the stream. */
char       *test_read_line      (GDataInputStream *stream,
                                 int               timeout_s);
void        test_daemon_free    (TestDaemon *daemon);
/* A URL to listen on for "unix", "local", "localabstract" or "tcp". */
char       *test_make_url       (const char *transport);
RoReplica  *test_acquire        (RoNode     *node,
                                 const char *name);
/* This process's resident set and allocated heap (-1 where mallinfo2()
 * is missing), in KiB: the heap leaves out the allocator's free lists and
 * fragmentation, so a leak shows in it alone. */
long        test_read_rss_kib   (void);
long        test_read_heap_kib  (void);
int         test_get_int        (gpointer    object,
                                 const char *property);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TestDaemon, test_daemon_free)

G_END_DECLS
