/* example-util.h: run the example programs and read what they print
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* How long any one wait lasts before the test fails. */
#define EXAMPLE_TIMEOUT_S 30

typedef struct
{
  char *name;
  GSubprocess *process;
  GPtrArray *out;           /* lines of stdout */
  GPtrArray *err;           /* lines of stderr */
  guint seen;               /* out lines that example_wait_for() went past */
  guint readers;            /* pipes not at their end yet */
  gboolean exited;
} ExampleProcess;

/* A private directory for XDG_RUNTIME_DIR, short enough for socket
 * paths; example_runtime_dir_free() empties and removes it. */
char           *example_runtime_dir_new  (void);
void            example_runtime_dir_free (char           *dir);

/* Runs @program with the arguments (NULL-terminated) and XDG_RUNTIME_DIR
 * set to @runtime_dir, in the C.UTF-8 locale; collects its output. */
ExampleProcess *example_spawn            (const char     *runtime_dir,
                                          const char     *program,
                                          ...) G_GNUC_NULL_TERMINATED;
ExampleProcess *example_spawnv           (const char     *runtime_dir,
                                          const char * const *envp,
                                          const char * const *argv);
/* Waits for a line of stdout, after the last one waited for, that
 * contains @text; returns it. Fails the test after EXAMPLE_TIMEOUT_S. */
const char     *example_wait_for         (ExampleProcess *process,
                                          const char     *text);
/* Waits for the process to exit and its output to end; returns its exit
 * status (or 128 + the signal that killed it). */
int             example_wait_exit        (ExampleProcess *process);
/* Sends SIGTERM, and checks that the process then exits with status 0. */
void            example_stop             (ExampleProcess *process);
gboolean        example_has_line         (GPtrArray      *lines,
                                          const char     *text);
/* Runs a program to its end; returns its status, its output in @out. */
int             example_run              (const char     *runtime_dir,
                                          ExampleProcess **out,
                                          const char     *program,
                                          ...) G_GNUC_NULL_TERMINATED;
void            example_process_free     (ExampleProcess *process);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (ExampleProcess, example_process_free)

G_END_DECLS
