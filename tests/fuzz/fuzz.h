/* fuzz.h: the fuzz targets, shared by the fuzzers and the regression test
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include <stdint.h>
#include <stddef.h>

#include <ro-glib/ro-glib.h>

#include "ro-codec.h"

G_BEGIN_DECLS

/* Each target takes any bytes, and returns normally unless it finds a bug:
 * then it aborts (a failed g_assert, a critical made fatal, or a sanitizer
 * report). fuzz-<name>.c describes how it reads its input. */
typedef void (*RoFuzzTarget) (const guint8 *data,
                              gsize         size);

void ro_fuzz_frame_buffer   (const guint8 *data,
                             gsize         size);
void ro_fuzz_json_decode    (const guint8 *data,
                             gsize         size);
void ro_fuzz_gvariant_decode (const guint8 *data,
                              gsize         size);
void ro_fuzz_message        (const guint8 *data,
                             gsize         size);
void ro_fuzz_interface_info (const guint8 *data,
                             gsize         size);
/* Only in builds that have ro-repc (RO_FUZZ_HAVE_REPC). */
void ro_fuzz_rep_parser     (const guint8 *data,
                             gsize         size);

/* The names of the codecs ro_fuzz_message() and the seeds try, in turn;
 * those this build lacks are skipped. */
extern const char * const ro_fuzz_codec_names[];

/* A codec's decoder on one payload: it must refuse it with
 * RO_ERROR_PROTOCOL, or give a message that validates, encodes, and decodes
 * again to the same message, which encodes to the same bytes again. With
 * @canonical (a codec with one encoding per message), those bytes must be
 * the input. Every other codec must carry the message too
 * (ro_fuzz_round_trip()). */
void ro_fuzz_decode (const RoCodec *codec,
                     const guint8  *data,
                     gsize          size,
                     gboolean       canonical);

/* A valid @message must encode with @codec, and decode back to the same
 * message (every NaN being the same NaN), which encodes to the same bytes:
 * ro_message_validate() holds the protocol's limits, which every codec
 * accepts. */
void ro_fuzz_round_trip (const RoCodec   *codec,
                         const RoMessage *message);

/* Inputs for the targets, for the seed corpus (make-seeds.c). */
GBytes *ro_fuzz_frame_buffer_input (const guint8 *stream,
                                    gsize         stream_size,
                                    guint8        max_frame_size_index,
                                    gsize         chunk_size);
GBytes *ro_fuzz_message_input      (const RoMessage *message);

/* Makes warnings and criticals fatal, as g_test_init() does, so that a
 * g_return_if_fail() reached from input counts as a crash, and makes every
 * fatal message abort(), which libFuzzer catches. */
void ro_fuzz_init (void);

/* Checks that a failed decode set a protocol error with a usable message. */
void ro_fuzz_assert_protocol_error (const GError *error);

/* The libFuzzer entry points, defined only in the fuzzer executables
 * (fuzz-<name>.c compiled with RO_FUZZ_ENTRY_POINT). */
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

G_END_DECLS
