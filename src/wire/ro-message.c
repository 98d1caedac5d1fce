/* ro-message.c: the messages of the ro-glib protocol, and their rules
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A message is a plain struct that every codec turns into bytes and back.
 * ro_message_validate() is the one place that knows which fields each
 * message type carries (see the table in ro-message.h): codecs call it after
 * decoding, so the layers above can trust any message they are handed.
 */

#include "config.h"

#include <string.h>

#include "ro-message.h"
#include "ro-variant-reader.h"

#define MAX_NAME_LENGTH 255

typedef enum {
  FIELD_ABSENT,
  FIELD_REQUIRED,
  FIELD_ANY,        /* serial only: 0 or > 0 */
} FieldRule;

typedef enum {
  BODY_NONE,
  BODY_FIXED,       /* exactly body_type */
  BODY_TUPLE,       /* any tuple */
  BODY_REPLY,       /* a tuple of zero or one value */
} BodyRule;

typedef struct
{
  const char *name;
  FieldRule serial;
  FieldRule name_field;
  FieldRule member;
  BodyRule body;
  const char *body_type;
} MessageRules;

/* Indexed by RoMessageType; keep in the order of the enum. */
static const MessageRules rules[RO_MESSAGE_N_TYPES] = {
  [RO_MESSAGE_HELLO] =          { "hello", FIELD_ABSENT, FIELD_ABSENT, FIELD_ABSENT, BODY_FIXED, "a{sv}" },
  [RO_MESSAGE_SOURCES] =        { "sources", FIELD_ABSENT, FIELD_ABSENT, FIELD_ABSENT, BODY_FIXED, "a(sss)" },
  [RO_MESSAGE_SOURCE_ADDED] =   { "source-added", FIELD_ABSENT, FIELD_REQUIRED, FIELD_ABSENT, BODY_FIXED, "(ss)" },
  [RO_MESSAGE_SOURCE_REMOVED] = { "source-removed", FIELD_ABSENT, FIELD_REQUIRED, FIELD_ABSENT, BODY_NONE, NULL },
  [RO_MESSAGE_ACQUIRE] =        { "acquire", FIELD_ABSENT, FIELD_REQUIRED, FIELD_ABSENT, BODY_NONE, NULL },
  [RO_MESSAGE_RELEASE] =        { "release", FIELD_ABSENT, FIELD_REQUIRED, FIELD_ABSENT, BODY_NONE, NULL },
  [RO_MESSAGE_SNAPSHOT] =       { "snapshot", FIELD_ABSENT, FIELD_REQUIRED, FIELD_ABSENT, BODY_FIXED,
                                  "((sa(ssus)a(ss)a(sssb)a(sba(sx)))a{sv})" },
  [RO_MESSAGE_CHANGES] =        { "changes", FIELD_ABSENT, FIELD_REQUIRED, FIELD_ABSENT, BODY_FIXED, "a(sv)" },
  [RO_MESSAGE_SIGNAL] =         { "signal", FIELD_ABSENT, FIELD_REQUIRED, FIELD_REQUIRED, BODY_TUPLE, NULL },
  [RO_MESSAGE_INVOKE] =         { "invoke", FIELD_ANY, FIELD_REQUIRED, FIELD_REQUIRED, BODY_TUPLE, NULL },
  [RO_MESSAGE_CANCEL] =         { "cancel", FIELD_REQUIRED, FIELD_ABSENT, FIELD_ABSENT, BODY_NONE, NULL },
  [RO_MESSAGE_REPLY] =          { "reply", FIELD_REQUIRED, FIELD_ABSENT, FIELD_ABSENT, BODY_REPLY, NULL },
  [RO_MESSAGE_ERROR] =          { "error", FIELD_REQUIRED, FIELD_ABSENT, FIELD_ABSENT, BODY_FIXED, "(sis)" },
  [RO_MESSAGE_PUSH] =           { "push", FIELD_REQUIRED, FIELD_REQUIRED, FIELD_REQUIRED, BODY_FIXED, "v" },
  [RO_MESSAGE_PING] =           { "ping", FIELD_REQUIRED, FIELD_ABSENT, FIELD_ABSENT, BODY_NONE, NULL },
  [RO_MESSAGE_PONG] =           { "pong", FIELD_REQUIRED, FIELD_ABSENT, FIELD_ABSENT, BODY_NONE, NULL },
};

RoMessage *
ro_message_new (RoMessageType type)
{
  RoMessage *message = g_new0 (RoMessage, 1);

  message->type = type;
  return message;
}

void
ro_message_free (RoMessage *message)
{
  if (message == NULL)
    return;

  g_free (message->name);
  g_free (message->member);
  g_clear_pointer (&message->body, g_variant_unref);
  g_free (message);
}

const char *
ro_message_type_to_string (RoMessageType type)
{
  if ((guint) type >= RO_MESSAGE_N_TYPES)
    return NULL;
  return rules[type].name;
}

gboolean
ro_message_type_from_string (const char    *string,
                             RoMessageType *type)
{
  if (string == NULL)
    return FALSE;

  for (guint i = 0; i < RO_MESSAGE_N_TYPES; i++)
    if (strcmp (string, rules[i].name) == 0)
      {
        if (type != NULL)
          *type = (RoMessageType) i;
        return TRUE;
      }

  return FALSE;
}

static gboolean
check_name (const char  *type_name,
            const char  *what,
            const char  *value,
            FieldRule    rule,
            GError     **error)
{
  if (rule == FIELD_ABSENT)
    {
      if (value == NULL)
        return TRUE;
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message must not have a %s", type_name, what);
      return FALSE;
    }

  if (value == NULL || value[0] == '\0')
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message without a %s", type_name, what);
      return FALSE;
    }
  if (strlen (value) > MAX_NAME_LENGTH)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message with a %s longer than %d bytes",
                   type_name, what, MAX_NAME_LENGTH);
      return FALSE;
    }
  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message with a %s that is not valid UTF-8", type_name, what);
      return FALSE;
    }

  return TRUE;
}

static gboolean
check_body (const char          *type_name,
            const MessageRules  *r,
            GVariant            *body,
            GError             **error)
{
  const GVariantType *body_type;

  if (r->body == BODY_NONE)
    {
      if (body == NULL)
        return TRUE;
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message must not have a body", type_name);
      return FALSE;
    }

  if (body == NULL)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message without a body", type_name);
      return FALSE;
    }

  body_type = g_variant_get_type (body);

  switch (r->body)
    {
    case BODY_FIXED:
      if (g_variant_type_equal (body_type, G_VARIANT_TYPE (r->body_type)))
        return TRUE;
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message with a body of type “%s”, expected “%s”",
                   type_name, g_variant_get_type_string (body), r->body_type);
      return FALSE;
    case BODY_TUPLE:
      if (g_variant_type_is_tuple (body_type))
        return TRUE;
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message with a body of type “%s”, expected a tuple",
                   type_name, g_variant_get_type_string (body));
      return FALSE;
    case BODY_REPLY:
      if (g_variant_type_is_tuple (body_type) && g_variant_type_n_items (body_type) <= 1)
        return TRUE;
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message with a body of type “%s”, expected a tuple of zero or one value",
                   type_name, g_variant_get_type_string (body));
      return FALSE;
    case BODY_NONE:
    default:
      g_assert_not_reached ();
    }
}

/**
 * ro_message_validate:
 * @message: a #RoMessage
 * @error: return location for a #GError
 *
 * Checks @message against the table in ro-message.h: which of serial, name
 * and member are required or must be absent, and the type of the body.
 *
 * Returns: %TRUE if @message is well-formed; %FALSE with %RO_ERROR_PROTOCOL
 *   and a message naming the message type and the problem otherwise
 */
/* A value of type T at nesting @depth, as the codecs see each body and
 * each variant's contents: T fits in the limits on its own. */
static gboolean
typed_value_fits (GVariant *value,
                  guint     depth)
{
  return g_variant_type_get_string_length (g_variant_get_type (value)) <= RO_MAX_TYPE_STRING_LENGTH &&
         depth + ro_variant_type_depth (g_variant_get_type (value)) <= RO_MAX_NESTING_DEPTH;
}

/* A value of a type without variants, at @depth, whose type cannot reach
 * the limit: no need to walk it, whatever it holds. */
static gboolean
is_shallow (const GVariantType *type,
            guint               depth)
{
  return memchr (g_variant_type_peek_string (type), 'v', g_variant_type_get_string_length (type)) == NULL &&
         depth + ro_variant_type_depth (type) <= RO_MAX_NESTING_DEPTH - 2;
}

/* Walks the value (in memory, as decoders build it) checking every
 * variant's contents, and measures its nesting: the most containers open
 * at once. A container opens a level of its own even when it is empty,
 * as the JSON codec's [] and {} do. */
static gboolean
value_fits (GVariant *value,
            guint     depth,
            guint    *deepest)
{
  const GVariantType *type, *item;
  gboolean is_tuple;
  gsize n;

  if (!g_variant_is_container (value))
    {
      *deepest = MAX (*deepest, depth);
      return TRUE;
    }
  *deepest = MAX (*deepest, depth + 1);
  if (depth >= RO_MAX_NESTING_DEPTH)
    return FALSE;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);

      return typed_value_fits (inner, depth + 1) && value_fits (inner, depth + 1, deepest);
    }

  /* Children are walked only where their type could pass the limits. */
  type = g_variant_get_type (value);
  is_tuple = g_variant_type_is_tuple (type) || g_variant_type_is_dict_entry (type);
  item = is_tuple ? g_variant_type_first (type) : g_variant_type_element (type);
  n = g_variant_n_children (value);
  for (gsize i = 0; i < n; i++, item = is_tuple ? g_variant_type_next (item) : item)
    {
      g_autoptr(GVariant) child = NULL;

      if (is_shallow (item, depth + 1))
        continue;
      child = g_variant_get_child_value (value, i);
      if (!value_fits (child, depth + 1, deepest))
        return FALSE;
    }
  return TRUE;
}

gboolean
ro_message_validate (const RoMessage  *message,
                     GError          **error)
{
  const MessageRules *r;
  guint deepest = 0;

  g_return_val_if_fail (message != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if ((guint) message->type >= RO_MESSAGE_N_TYPES)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "Unknown message type %d", (int) message->type);
      return FALSE;
    }

  r = &rules[message->type];

  if (r->serial == FIELD_REQUIRED && message->serial == 0)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message without a serial", r->name);
      return FALSE;
    }
  if (r->serial == FIELD_ABSENT && message->serial != 0)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message must not have a serial", r->name);
      return FALSE;
    }

  if (!check_name (r->name, "source name", message->name, r->name_field, error) ||
      !check_name (r->name, "member name", message->member, r->member, error) ||
      !check_body (r->name, r, message->body, error))
    return FALSE;

  if (message->body == NULL)
    return TRUE;
  if (message->body_measured)
    deepest = message->body_depth;
  else if (!is_shallow (g_variant_get_type (message->body), 0) &&
           !value_fits (message->body, 0, &deepest))
    deepest = G_MAXUINT;
  if (!typed_value_fits (message->body, 0) || deepest > RO_MAX_NESTING_DEPTH - 2)
    {
      g_set_error (error, RO_ERROR, RO_ERROR_PROTOCOL,
                   "%s message whose body passes the protocol's limits on nesting (%d) or type strings (%d)",
                   r->name, RO_MAX_NESTING_DEPTH, RO_MAX_TYPE_STRING_LENGTH);
      return FALSE;
    }
  return TRUE;
}

/* A tree of @value's contents, which GLib serializes canonically. A basic
 * value in normal form is canonical already. (GLib 2.74 has no
 * g_variant_deep_copy().) */
static GVariant *
rebuild (GVariant *value)
{
  const GVariantType *type = g_variant_get_type (value);
  g_autofree GVariant **children = NULL;
  gsize n;

  if (!g_variant_is_container (value))
    return g_variant_get_normal_form (value);
  if (g_variant_type_is_variant (type))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);
      g_autoptr(GVariant) rebuilt = rebuild (inner);

      return g_variant_ref_sink (g_variant_new_variant (rebuilt));
    }

  n = g_variant_n_children (value);
  children = g_new (GVariant *, MAX (n, 1));
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);

      children[i] = rebuild (child);
    }

  {
    GVariant *tree;

    if (g_variant_type_is_maybe (type))
      tree = g_variant_new_maybe (g_variant_type_element (type), n > 0 ? children[0] : NULL);
    else if (g_variant_type_is_array (type))
      tree = g_variant_new_array (g_variant_type_element (type), children, n);
    else if (g_variant_type_is_dict_entry (type))
      tree = g_variant_new_dict_entry (children[0], children[1]);
    else
      tree = g_variant_new_tuple (children, n);
    for (gsize i = 0; i < n; i++)
      g_variant_unref (children[i]);
    return g_variant_ref_sink (tree);
  }
}

GVariant *
ro_message_canonical_value (GVariant *value)
{
  static const guint8 no_data[1];
  g_autoptr(GVariant) wire = G_BYTE_ORDER == G_BIG_ENDIAN ? g_variant_byteswap (value) : g_variant_ref (value);
  gsize size = g_variant_get_size (wire);
  /* The reader does arithmetic on the pointer even for no bytes. */
  const guint8 *data = size > 0 ? g_variant_get_data (wire) : no_data;
  RoVariantReadResult result;

  /* GLib takes as normal form some data that is not the one encoding a
   * peer accepts (2.74: an empty tuple whose items may all be empty), and
   * the data of g_variant_new_from_data() need not be normal at all (a
   * fixed-size value of the wrong size has no data). A rebuilt value is a
   * tree, which GLib serializes canonically. */
  if (data != NULL && ro_variant_check (g_variant_get_type (wire), data, size, G_MAXUINT, &result))
    return g_variant_ref (value);
  return rebuild (value);
}

GVariant *
ro_message_prepare_value (GVariant  *value,
                          guint      depth,
                          GError   **error)
{
  guint deepest = 0;

  if (is_shallow (g_variant_get_type (value), depth) ||
      (typed_value_fits (value, depth) && value_fits (value, depth, &deepest) &&
       deepest <= RO_MAX_NESTING_DEPTH - 2))
    return ro_message_canonical_value (value);

  g_set_error (error, RO_ERROR, RO_ERROR_INVALID_ARGUMENTS,
               "A value of type “%.32s” nests deeper than the protocol allows (%d levels in a message) "
               "or holds a type longer than %d",
               g_variant_get_type_string (value), RO_MAX_NESTING_DEPTH, RO_MAX_TYPE_STRING_LENGTH);
  return NULL;
}

guint
ro_variant_type_depth (const GVariantType *type)
{
  guint depth = 0;

  /* A variant's contents are checked where they are. */
  if (g_variant_type_is_variant (type))
    return 1;
  if (g_variant_type_is_basic (type))
    return 0;

  if (g_variant_type_is_array (type) || g_variant_type_is_maybe (type))
    return 1 + ro_variant_type_depth (g_variant_type_element (type));

  /* Not MAX (depth, ro_variant_type_depth (item)): the macro would recurse
   * twice per level, which takes time exponential in the nesting. */
  for (const GVariantType *item = g_variant_type_first (type);
       item != NULL;
       item = g_variant_type_next (item))
    {
      guint item_depth = ro_variant_type_depth (item);

      depth = MAX (depth, item_depth);
    }

  return 1 + depth;
}
