/* ro-message.h: the messages of the ro-glib protocol
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

#pragma once

#include "ro-glib.h"

G_BEGIN_DECLS

#define RO_PROTOCOL_NAME    "ro-glib"
#define RO_PROTOCOL_VERSION 1

/* Optional hello keys (protocol.md, "Acquiring in the hello"). */
#define RO_HELLO_FEATURES      "features"  /* as: what this side also does */
#define RO_HELLO_ACQUIRE       "acquire"   /* a{ss}: names wanted -> signatures known */
/* The feature of a host side that takes acquisitions from the hello. */
#define RO_FEATURE_HELLO_ACQUIRE "acquire-in-hello"

/* Every message has a type, and some of: a serial, the name of the source
 * it is about, a member name (method, signal or property), and a body whose
 * GVariant type is fixed by the message type unless noted:
 *
 *   type           serial   name  member  body
 *   hello          -        -     -       a{sv}: protocol s, version u, codecs as, token s
 *   sources        -        -     -       a(sss): (name, interface name, signature) per source
 *   source-added   -        yes   -       (ss): interface name, signature
 *   source-removed -        yes   -       none
 *   acquire        -        yes   -       none
 *   release        -        yes   -       none
 *   snapshot       -        yes   -       ((sa(ssus)a(ss)a(sssb)a(sba(sx)))a{sv}): interface, values
 *   changes        -        yes   -       a(sv): (property, value) in the order they happened
 *   signal         -        yes   yes     any tuple: the arguments
 *   invoke         0 or >0  yes   yes     any tuple: the arguments; serial 0 = no reply wanted
 *   cancel         >0       -     -       none
 *   reply          >0       -     -       a tuple of zero or one value
 *   error          >0       -     -       (sis): error domain, code, message
 *   push           >0       yes   yes     v: the value asked for
 *   ping           >0       -     -       none
 *   pong           >0       -     -       none
 *
 * "yes" means required and non-empty; "-" means absent (NULL / 0).
 */
typedef enum {
  RO_MESSAGE_HELLO,
  RO_MESSAGE_SOURCES,
  RO_MESSAGE_SOURCE_ADDED,
  RO_MESSAGE_SOURCE_REMOVED,
  RO_MESSAGE_ACQUIRE,
  RO_MESSAGE_RELEASE,
  RO_MESSAGE_SNAPSHOT,
  RO_MESSAGE_CHANGES,
  RO_MESSAGE_SIGNAL,
  RO_MESSAGE_INVOKE,
  RO_MESSAGE_CANCEL,
  RO_MESSAGE_REPLY,
  RO_MESSAGE_ERROR,
  RO_MESSAGE_PUSH,
  RO_MESSAGE_PING,
  RO_MESSAGE_PONG,
  RO_MESSAGE_N_TYPES
} RoMessageType;

typedef struct
{
  RoMessageType type;
  guint32 serial;
  char *name;
  char *member;
  GVariant *body;   /* non-floating, or NULL */
  /* Set by a decoder that has measured the body's nesting, as
   * ro_message_validate() counts it, and held every variant inside it to
   * the limits: the validator then needs not walk the body again. */
  gboolean body_measured;
  guint body_depth;
} RoMessage;

RoMessage  *ro_message_new              (RoMessageType    type);
void        ro_message_free             (RoMessage       *message);
const char *ro_message_type_to_string   (RoMessageType    type);
gboolean    ro_message_type_from_string (const char      *string,
                                         RoMessageType   *type);
/* Nesting deeper than this (JSON arrays/objects, or GVariant containers) is
 * refused before it can exhaust a parser's stack; so are longer type
 * strings. */
#define RO_MAX_NESTING_DEPTH      64
#define RO_MAX_TYPE_STRING_LENGTH 255

/* Containers in a type, each array, maybe, tuple, dict entry and variant
 * counting one; a variant's contents not counted. */
guint       ro_variant_type_depth       (const GVariantType *type);
/* Where values made here sit in the bodies that carry them. */
#define RO_ARGS_DEPTH     0   /* arguments, results: the body itself */
#define RO_PUSHED_DEPTH   1   /* a pushed value, in its "v" */
#define RO_PROPERTY_DEPTH 4   /* a property value, in a snapshot's a{sv} */
/* A value made here, to be sent at @depth in a body: checked against the
 * limits ro_message_validate() holds peers to (RO_ERROR_INVALID_ARGUMENTS
 * otherwise), in the one encoding peers accept. A peer drops a connection
 * that breaks either. Returns @value itself, or a rebuilt copy. */
GVariant   *ro_message_prepare_value    (GVariant           *value,
                                         guint               depth,
                                         GError            **error);
/* The encoding part alone: @value itself, or a rebuilt copy when its data
 * is not the canonical serialization. */
GVariant   *ro_message_canonical_value  (GVariant           *value);

/* Checks the table above: fields present or absent, body type, and that
 * the body is within the limits both codecs accept. */
gboolean    ro_message_validate         (const RoMessage *message,
                                         GError         **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (RoMessage, ro_message_free)

G_END_DECLS
