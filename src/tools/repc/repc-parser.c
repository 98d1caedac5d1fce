/* repc-parser.c: reading the .rep language
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */

/*
 * A hand-written lexer and recursive-descent parser for the language of
 * QtRO's repc (see docs/repc.md), then one pass that resolves types and
 * names and checks everything the generated code relies on. Every error
 * carries the position of the token at fault and stops the parse: a code
 * generator has nothing useful to do with half a file.
 */

#include "config.h"

#include <stdarg.h>
#include <string.h>

#include "repc.h"

G_DEFINE_QUARK (repc-error-quark, repc_error)

typedef enum {
  TOK_EOF,
  TOK_IDENT,
  TOK_NUMBER,
  TOK_STRING,
  TOK_PUNCT,
  TOK_DIRECTIVE,
} TokenKind;

typedef struct
{
  TokenKind kind;
  const char *start;
  gsize len;
  RepcPos pos;
} Token;

typedef struct
{
  const char *filename;
  const char *p;
  const char *end;
  RepcPos pos;
  Token tok;
  RepcFile *file;
  GError **error;
} Parser;

static gboolean fail (Parser     *p,
                      RepcPos     pos,
                      RepcError   code,
                      const char *format,
                      ...) G_GNUC_PRINTF (4, 5);

static void
set_error_va (GError     **error,
              const char  *filename,
              RepcPos      pos,
              RepcError    code,
              const char  *format,
              va_list      args) G_GNUC_PRINTF (5, 0);

static void
set_error_va (GError     **error,
              const char  *filename,
              RepcPos      pos,
              RepcError    code,
              const char  *format,
              va_list      args)
{
  g_autofree char *message = g_strdup_vprintf (format, args);

  g_set_error (error, REPC_ERROR, code, "%s:%d:%d: error: %s",
               filename, pos.line, pos.column, message);
}

static gboolean
fail (Parser     *p,
      RepcPos     pos,
      RepcError   code,
      const char *format,
      ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (p->error, p->filename, pos, code, format, args);
  va_end (args);
  return FALSE;
}

/* The lexer */

/* Moves past one character, keeping the position. */
static void
advance (Parser *p)
{
  if (*p->p == '\n')
    {
      p->pos.line++;
      p->pos.column = 1;
      p->p++;
      return;
    }
  p->p++;
  while (p->p < p->end && ((guchar) *p->p & 0xC0) == 0x80)
    p->p++;
  p->pos.column++;
}

static gboolean
looking_at (Parser     *p,
            const char *s)
{
  gsize len = strlen (s);

  return (gsize) (p->end - p->p) >= len && memcmp (p->p, s, len) == 0;
}

static gboolean
skip_blanks (Parser *p)
{
  for (;;)
    {
      if (p->p >= p->end)
        return TRUE;
      if (g_ascii_isspace (*p->p))
        advance (p);
      else if (looking_at (p, "//"))
        {
          while (p->p < p->end && *p->p != '\n')
            advance (p);
        }
      else if (looking_at (p, "/*"))
        {
          RepcPos start = p->pos;

          advance (p);
          advance (p);
          while (p->p < p->end && !looking_at (p, "*/"))
            advance (p);
          if (p->p >= p->end)
            return fail (p, start, REPC_ERROR_SYNTAX, "unterminated comment");
          advance (p);
          advance (p);
        }
      else
        return TRUE;
    }
}

static gboolean
next (Parser *p)
{
  Token *t = &p->tok;
  char c;

  if (!skip_blanks (p))
    return FALSE;

  t->start = p->p;
  t->pos = p->pos;

  if (p->p >= p->end)
    {
      t->kind = TOK_EOF;
      t->len = 0;
      return TRUE;
    }

  c = *p->p;
  if (g_ascii_isalpha (c) || c == '_')
    {
      t->kind = TOK_IDENT;
      while (p->p < p->end && (g_ascii_isalnum (*p->p) || *p->p == '_'))
        advance (p);
    }
  else if (g_ascii_isdigit (c) || (c == '.' && p->p + 1 < p->end && g_ascii_isdigit (p->p[1])))
    {
      gboolean hex = looking_at (p, "0x") || looking_at (p, "0X");

      t->kind = TOK_NUMBER;
      while (p->p < p->end)
        {
          char d = *p->p;

          if (g_ascii_isalnum (d) || d == '.' || d == '_')
            advance (p);
          else if ((d == '+' || d == '-') && !hex && (p->p[-1] == 'e' || p->p[-1] == 'E'))
            advance (p);
          else
            break;
        }
    }
  else if (c == '"')
    {
      t->kind = TOK_STRING;
      advance (p);
      for (;;)
        {
          if (p->p >= p->end || *p->p == '\n')
            return fail (p, t->pos, REPC_ERROR_SYNTAX, "unterminated string");
          if (*p->p == '"')
            break;
          if (*p->p == '\\')
            {
              advance (p);
              if (p->p >= p->end || *p->p == '\n')
                return fail (p, t->pos, REPC_ERROR_SYNTAX, "unterminated string");
            }
          advance (p);
        }
      advance (p);
    }
  else if (c == '#')
    {
      t->kind = TOK_DIRECTIVE;
      while (p->p < p->end && *p->p != '\n')
        advance (p);
    }
  else if (looking_at (p, "::"))
    {
      t->kind = TOK_PUNCT;
      advance (p);
      advance (p);
    }
  else if (strchr ("(){}<>,=;&*:-", c) != NULL)
    {
      t->kind = TOK_PUNCT;
      advance (p);
    }
  else
    {
      const char *s = p->p;

      advance (p);
      return fail (p, t->pos, REPC_ERROR_SYNTAX, "unexpected character “%.*s”",
                   (int) (p->p - s), s);
    }

  t->len = p->p - t->start;
  return TRUE;
}

static gboolean
is_ident (const Token *t,
          const char  *word)
{
  return t->kind == TOK_IDENT && t->len == strlen (word) && memcmp (t->start, word, t->len) == 0;
}

static gboolean
is_punct (const Token *t,
          const char  *punct)
{
  return t->kind == TOK_PUNCT && t->len == strlen (punct) && memcmp (t->start, punct, t->len) == 0;
}

static char *
token_text (const Token *t)
{
  return g_strndup (t->start, t->len);
}

/* How a message shows a token: “text”, or "end of file". */
static char *
describe (const Token *t)
{
  if (t->kind == TOK_EOF)
    return g_strdup ("end of file");
  if (t->len > 40)
    {
      /* Cut at a character boundary: the message must stay UTF-8. */
      const char *end = t->start + 40;

      while (end > t->start && ((guchar) *end & 0xc0) == 0x80)
        end--;
      return g_strdup_printf ("“%.*s…”", (int) (end - t->start), t->start);
    }
  return g_strdup_printf ("“%.*s”", (int) t->len, t->start);
}

static gboolean
expect (Parser     *p,
        const char *punct,
        const char *context)
{
  g_autofree char *found = NULL;

  if (is_punct (&p->tok, punct))
    return TRUE;
  found = describe (&p->tok);
  return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected “%s” %s, found %s", punct, context, found);
}

/* Consumes the expected punctuation. */
static gboolean
accept (Parser     *p,
        const char *punct,
        const char *context)
{
  return expect (p, punct, context) && next (p);
}

static gboolean
skip_semicolon (Parser *p)
{
  return !is_punct (&p->tok, ";") || next (p);
}

static gboolean
unsupported (Parser *p)
{
  g_autofree char *word = token_text (&p->tok);

  return fail (p, p->tok.pos, REPC_ERROR_UNSUPPORTED, "%s is not supported yet", word);
}

/* The grammar */

static void
param_free (RepcParam *param)
{
  repc_type_free (param->type);
  g_free (param->name);
  g_free (param->c_name);
  g_free (param->snake);
  g_free (param);
}

static void
property_free (RepcProperty *prop)
{
  g_free (prop->name);
  g_free (prop->gname);
  g_free (prop->snake);
  g_free (prop->c_name);
  g_free (prop->upper);
  repc_type_free (prop->type);
  g_free (prop->default_text);
  g_free (prop->default_c);
  g_free (prop);
}

static void
function_free (RepcFunction *func)
{
  g_free (func->name);
  g_free (func->gname);
  g_free (func->snake);
  g_free (func->c_name);
  g_free (func->upper);
  repc_type_free (func->result);
  g_ptr_array_unref (func->params);
  g_free (func);
}

static void
enum_value_free (RepcEnumValue *value)
{
  g_free (value->name);
  g_free (value->nick);
  g_free (value->c_name);
  g_free (value);
}

static void
enum_free (RepcEnum *e)
{
  g_free (e->name);
  g_free (e->type_name);
  g_free (e->snake);
  g_free (e->type_macro);
  g_ptr_array_unref (e->values);
  g_free (e);
}

static void
pod_free (RepcPod *pod)
{
  g_free (pod->name);
  g_free (pod->snake);
  g_free (pod->upper);
  g_ptr_array_unref (pod->fields);
  g_free (pod->type_string);
  g_free (pod);
}

static void
class_free (RepcClass *klass)
{
  g_free (klass->name);
  g_free (klass->snake);
  g_free (klass->upper);
  g_ptr_array_unref (klass->properties);
  g_ptr_array_unref (klass->signals);
  g_ptr_array_unref (klass->slots);
  g_ptr_array_unref (klass->enums);
  g_free (klass);
}

void
repc_file_free (RepcFile *file)
{
  if (file == NULL)
    return;
  g_free (file->filename);
  g_ptr_array_unref (file->classes);
  g_ptr_array_unref (file->enums);
  g_ptr_array_unref (file->pods);
  g_ptr_array_unref (file->use_enums);
  g_ptr_array_unref (file->directives);
  g_free (file);
}

/* type := ["const"] NAME ["::" NAME]* ["<" type ">"] ["&"] */
static gboolean
parse_type (Parser    *p,
            gboolean   in_params,
            RepcType **out)
{
  g_autoptr(GString) spelling = g_string_new (NULL);
  RepcType *type;

  if (in_params && is_ident (&p->tok, "const") && !next (p))
    return FALSE;

  if (p->tok.kind != TOK_IDENT)
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a type, found %s", found);
    }

  type = *out = repc_type_new ();
  type->pos = p->tok.pos;
  type->name = token_text (&p->tok);
  if (!next (p))
    return FALSE;

  if (g_str_equal (type->name, "unsigned"))
    {
      g_free (type->name);
      type->name = g_strdup ("uint");
      if (is_ident (&p->tok, "int") && !next (p))
        return FALSE;
    }
  g_string_append (spelling, type->name);

  while (is_punct (&p->tok, "::"))
    {
      if (!next (p))
        return FALSE;
      if (p->tok.kind != TOK_IDENT)
        {
          g_autofree char *found = describe (&p->tok);

          return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a name after “::”, found %s", found);
        }
      g_free (type->scope);
      type->scope = g_strdup (spelling->str);
      g_free (type->name);
      type->name = token_text (&p->tok);
      g_string_append_printf (spelling, "::%s", type->name);
      if (!next (p))
        return FALSE;
    }

  if (is_punct (&p->tok, "<"))
    {
      g_autofree char *context = g_strdup_printf ("to close “%s<”", spelling->str);

      if (!next (p) || !parse_type (p, FALSE, &type->element) || !accept (p, ">", context))
        return FALSE;
      g_string_append_printf (spelling, "<%s>", type->element->spelling);
    }

  type->spelling = g_strdup (spelling->str);

  if (in_params && is_punct (&p->tok, "&") && !next (p))
    return FALSE;
  if (is_punct (&p->tok, "*"))
    return fail (p, p->tok.pos, REPC_ERROR_UNSUPPORTED, "pointer types are not supported");

  return TRUE;
}

/* param := type [NAME]; a POD field needs its name. */
static gboolean
parse_param (Parser     *p,
             GPtrArray  *params,
             gboolean    need_name,
             const char *what)
{
  RepcParam *param = g_new0 (RepcParam, 1);

  g_ptr_array_add (params, param);
  if (!parse_type (p, !need_name, &param->type))
    return FALSE;

  param->pos = p->tok.pos;
  if (p->tok.kind == TOK_IDENT)
    {
      param->name = token_text (&p->tok);
      if (!next (p))
        return FALSE;
    }
  else if (need_name)
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a %s name, found %s", what, found);
    }
  else
    {
      param->name = g_strdup_printf ("arg%u", params->len);
      param->pos = param->type->pos;
    }

  if (is_punct (&p->tok, "="))
    return fail (p, p->tok.pos, REPC_ERROR_UNSUPPORTED, "default arguments are not supported");

  return TRUE;
}

static gboolean
parse_params (Parser       *p,
              RepcFunction *func,
              const char   *keyword)
{
  g_autofree char *context = g_strdup_printf ("after the name of %s %s", keyword, func->name);

  if (!accept (p, "(", context))
    return FALSE;

  if (!is_punct (&p->tok, ")"))
    {
      for (;;)
        {
          if (!parse_param (p, func->params, FALSE, "parameter"))
            return FALSE;
          if (!is_punct (&p->tok, ","))
            break;
          if (!next (p))
            return FALSE;
        }
    }

  g_free (context);
  context = g_strdup_printf ("or “,” in the parameters of %s", func->name);
  return accept (p, ")", context);
}

static RepcFunction *
function_new (void)
{
  RepcFunction *func = g_new0 (RepcFunction, 1);

  func->params = g_ptr_array_new_with_free_func ((GDestroyNotify) param_free);
  return func;
}

/* SIGNAL "(" NAME params ")" [";"]
 * SLOT "(" [type] NAME params ")" [";"]   (no type: void, as repc allows) */
static gboolean
parse_function (Parser    *p,
                RepcClass *klass,
                gboolean   is_slot)
{
  const char *keyword = is_slot ? "SLOT" : "SIGNAL";
  g_autofree char *context = g_strdup_printf ("after %s", keyword);
  RepcFunction *func = function_new ();

  g_ptr_array_add (is_slot ? klass->slots : klass->signals, func);
  if (!next (p) || !accept (p, "(", context))
    return FALSE;

  if (is_slot)
    {
      if (!parse_type (p, FALSE, &func->result))
        return FALSE;
      if (is_punct (&p->tok, "(") && func->result->scope == NULL && func->result->element == NULL)
        {
          /* SLOT(name(args)): the type was the name. */
          func->name = g_steal_pointer (&func->result->name);
          func->pos = func->result->pos;
          g_free (func->result->spelling);
          func->result->spelling = g_strdup ("void");
          func->result->name = g_strdup ("void");
        }
    }
  else
    {
      func->result = repc_type_new ();
      func->result->kind = REPC_TYPE_VOID;
      func->result->name = g_strdup ("void");
      func->result->spelling = g_strdup ("void");
    }

  if (func->name == NULL)
    {
      if (p->tok.kind != TOK_IDENT)
        {
          g_autofree char *found = describe (&p->tok);

          return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a %s name, found %s",
                       is_slot ? "slot" : "signal", found);
        }
      func->name = token_text (&p->tok);
      func->pos = p->tok.pos;
      if (!next (p))
        return FALSE;
    }

  g_free (context);
  context = g_strdup_printf ("to close %s", keyword);
  return parse_params (p, func, keyword) && accept (p, ")", context) && skip_semicolon (p);
}

/* default := ["-"] NUMBER | STRING | NAME ["::" NAME]* */
static gboolean
parse_default (Parser       *p,
               RepcProperty *prop)
{
  g_autoptr(GString) text = g_string_new (NULL);

  prop->default_pos = p->tok.pos;

  if (is_punct (&p->tok, "-"))
    {
      g_string_append_c (text, '-');
      if (!next (p))
        return FALSE;
      if (p->tok.kind != TOK_NUMBER)
        {
          g_autofree char *found = describe (&p->tok);

          return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a number after “-”, found %s", found);
        }
    }

  switch (p->tok.kind)
    {
    case TOK_NUMBER:
      prop->default_kind = REPC_DEFAULT_NUMBER;
      g_string_append_len (text, p->tok.start, p->tok.len);
      if (!next (p))
        return FALSE;
      break;
    case TOK_STRING:
      prop->default_kind = REPC_DEFAULT_STRING;
      g_string_append_len (text, p->tok.start, p->tok.len);
      if (!next (p))
        return FALSE;
      break;
    case TOK_IDENT:
      prop->default_kind = REPC_DEFAULT_IDENT;
      g_string_append_len (text, p->tok.start, p->tok.len);
      if (!next (p))
        return FALSE;
      while (is_punct (&p->tok, "::"))
        {
          if (!next (p))
            return FALSE;
          if (p->tok.kind != TOK_IDENT)
            {
              g_autofree char *found = describe (&p->tok);

              return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a name after “::”, found %s", found);
            }
          g_string_append_printf (text, "::%.*s", (int) p->tok.len, p->tok.start);
          if (!next (p))
            return FALSE;
        }
      if (is_punct (&p->tok, "(") || is_punct (&p->tok, "{"))
        return fail (p, prop->default_pos, REPC_ERROR_UNSUPPORTED,
                     "default value “%s%.*s…” is not supported; use a literal",
                     text->str, (int) p->tok.len, p->tok.start);
      break;
    case TOK_EOF:
    case TOK_PUNCT:
    case TOK_DIRECTIVE:
    default:
      {
        g_autofree char *found = describe (&p->tok);

        if (is_punct (&p->tok, "{"))
          return fail (p, p->tok.pos, REPC_ERROR_UNSUPPORTED,
                       "default value “{…}” is not supported; use a literal");
        return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a default value after “=”, found %s", found);
      }
    }

  prop->default_text = g_strdup (text->str);
  return TRUE;
}

typedef struct
{
  const char *name;
  RoPropertyMode mode;
} Modifier;

static const Modifier modifiers[] = {
  { "READONLY", RO_PROPERTY_MODE_READONLY },
  { "READPUSH", RO_PROPERTY_MODE_READPUSH },
  { "READWRITE", RO_PROPERTY_MODE_READWRITE },
  { "CONSTANT", RO_PROPERTY_MODE_CONSTANT },
  /* Interface-wise the same as READONLY, as in QtRO. */
  { "SOURCEONLYSETTER", RO_PROPERTY_MODE_READONLY },
};

/* modifiers := (MODIFIER [","])*, with PERSISTED beside at most one mode;
 * READONLY with CONSTANT is CONSTANT, as in QtRO. */
static gboolean
parse_modifiers (Parser       *p,
                 RepcProperty *prop)
{
  const Modifier *first = NULL;

  prop->mode = REPC_DEFAULT_PROPERTY_MODE;

  while (p->tok.kind == TOK_IDENT)
    {
      const Modifier *m = NULL;

      if (is_ident (&p->tok, "PERSISTED"))
        prop->persisted = TRUE;
      else
        {
          for (guint i = 0; i < G_N_ELEMENTS (modifiers); i++)
            if (is_ident (&p->tok, modifiers[i].name))
              m = &modifiers[i];
          if (m == NULL)
            {
              g_autofree char *word = token_text (&p->tok);

              return fail (p, p->tok.pos, REPC_ERROR_SYNTAX,
                           "unknown property modifier “%s”; expected READONLY, READPUSH, "
                           "READWRITE, CONSTANT, PERSISTED or SOURCEONLYSETTER", word);
            }
          if (first == NULL)
            {
              first = m;
              prop->mode = m->mode;
              prop->source_only_setter = g_str_equal (m->name, "SOURCEONLYSETTER");
            }
          else if ((m->mode == RO_PROPERTY_MODE_CONSTANT && g_str_equal (first->name, "READONLY")) ||
                   (g_str_equal (m->name, "READONLY") && first->mode == RO_PROPERTY_MODE_CONSTANT))
            prop->mode = RO_PROPERTY_MODE_CONSTANT;
          else
            return fail (p, p->tok.pos, REPC_ERROR_INVALID,
                         "property modifiers %s and %s cannot be combined", first->name, m->name);
        }

      if (!next (p) || (is_punct (&p->tok, ",") && !next (p)))
        return FALSE;
    }

  return TRUE;
}

/* PROP "(" type NAME ["=" default] modifiers ")" [";"] */
static gboolean
parse_prop (Parser    *p,
            RepcClass *klass)
{
  RepcProperty *prop = g_new0 (RepcProperty, 1);

  g_ptr_array_add (klass->properties, prop);
  if (!next (p) || !accept (p, "(", "after PROP") || !parse_type (p, FALSE, &prop->type))
    return FALSE;

  if (p->tok.kind != TOK_IDENT)
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a property name, found %s", found);
    }
  prop->name = token_text (&p->tok);
  prop->pos = p->tok.pos;
  if (!next (p))
    return FALSE;

  if (is_punct (&p->tok, "=") && (!next (p) || !parse_default (p, prop)))
    return FALSE;

  if (!parse_modifiers (p, prop))
    return FALSE;

  if (!is_punct (&p->tok, ")"))
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX,
                   "expected a property modifier or “)” to close PROP, found %s", found);
    }
  return next (p) && skip_semicolon (p);
}

static gboolean
parse_integer (const char *text,
               gint64      min,
               guint64     max,
               gint64     *out_signed,
               guint64    *out_unsigned)
{
  gboolean negative = text[0] == '-';
  g_autofree char *digits = g_strdup (negative ? text + 1 : text);
  const char *start = digits;
  gsize len = strlen (digits);
  guint base = 10;
  guint64 magnitude;

  if (g_str_has_prefix (digits, "0x") || g_str_has_prefix (digits, "0X"))
    {
      base = 16;
      start += 2;
    }
  /* C integer suffixes: 10u, 5000000000LL */
  while (len > 0 && strchr ("uUlL", digits[len - 1]) != NULL)
    digits[--len] = '\0';
  if (start[0] == '-' || start[0] == '+' ||
      !g_ascii_string_to_unsigned (start, base, 0, G_MAXUINT64, &magnitude, NULL))
    return FALSE;

  if (negative)
    {
      if (magnitude == 0)
        {
          *out_signed = 0;
          *out_unsigned = 0;
          return TRUE;
        }
      if (min >= 0 || magnitude - 1 > (guint64) -(min + 1))
        return FALSE;
      *out_signed = -(gint64) (magnitude - 1) - 1;
      *out_unsigned = 0;
      return TRUE;
    }

  if (magnitude > max)
    return FALSE;
  *out_signed = (gint64) magnitude;
  *out_unsigned = magnitude;
  return TRUE;
}

static RepcEnum *
enum_new (void)
{
  RepcEnum *e = g_new0 (RepcEnum, 1);

  e->values = g_ptr_array_new_with_free_func ((GDestroyNotify) enum_value_free);
  return e;
}

/* ENUM ["class"] NAME [":" TYPE] "{" NAME ["=" INT] ("," NAME ["=" INT])* [","] "}" [";"] */
static gboolean
parse_enum (Parser    *p,
            RepcClass *scope,
            GPtrArray *enums)
{
  RepcEnum *e = enum_new ();
  g_autofree char *context = NULL;
  gint64 value = -1;

  g_ptr_array_add (enums, e);
  e->scope = scope;
  if (!next (p) || (is_ident (&p->tok, "class") && !next (p)))
    return FALSE;

  if (p->tok.kind != TOK_IDENT)
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected an enum name, found %s", found);
    }
  e->name = token_text (&p->tok);
  e->pos = p->tok.pos;
  if (!next (p))
    return FALSE;

  /* The underlying type says nothing to GObject: values are gint. */
  if (is_punct (&p->tok, ":"))
    {
      if (!next (p))
        return FALSE;
      while (p->tok.kind == TOK_IDENT || is_punct (&p->tok, "::"))
        if (!next (p))
          return FALSE;
    }

  context = g_strdup_printf ("after ENUM %s", e->name);
  if (!accept (p, "{", context))
    return FALSE;

  while (!is_punct (&p->tok, "}") || e->values->len == 0)
    {
      RepcEnumValue *v;

      if (p->tok.kind != TOK_IDENT)
        {
          g_autofree char *found = describe (&p->tok);

          if (is_punct (&p->tok, "}"))
            return fail (p, p->tok.pos, REPC_ERROR_INVALID, "ENUM %s has no values", e->name);
          return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected an enum value name, found %s", found);
        }

      v = g_new0 (RepcEnumValue, 1);
      g_ptr_array_add (e->values, v);
      v->name = token_text (&p->tok);
      v->pos = p->tok.pos;
      if (!next (p))
        return FALSE;

      if (is_punct (&p->tok, "="))
        {
          g_autoptr(GString) text = g_string_new (NULL);
          RepcPos pos;
          guint64 unused;

          if (!next (p))
            return FALSE;
          pos = p->tok.pos;
          if (is_punct (&p->tok, "-"))
            {
              g_string_append_c (text, '-');
              if (!next (p))
                return FALSE;
            }
          if (p->tok.kind != TOK_NUMBER)
            {
              g_autofree char *found = describe (&p->tok);

              return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected an integer, found %s", found);
            }
          g_string_append_len (text, p->tok.start, p->tok.len);
          if (!parse_integer (text->str, G_MININT, G_MAXINT, &value, &unused))
            return fail (p, pos, REPC_ERROR_INVALID,
                         "“%s” is not an integer that fits an enum value", text->str);
          if (!next (p))
            return FALSE;
        }
      else if (value == G_MAXINT)
        return fail (p, v->pos, REPC_ERROR_INVALID, "the value of “%s” does not fit an enum value", v->name);
      else
        value++;
      v->value = value;

      if (is_punct (&p->tok, ","))
        {
          if (!next (p))
            return FALSE;
        }
      else if (!is_punct (&p->tok, "}"))
        {
          g_autofree char *found = describe (&p->tok);

          return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected “,” or “}” in ENUM %s, found %s",
                       e->name, found);
        }
    }

  return next (p) && skip_semicolon (p);
}

/* POD NAME "(" field ("," field)* ")" [";"], or with braces */
static gboolean
parse_pod (Parser *p)
{
  RepcPod *pod = g_new0 (RepcPod, 1);
  const char *close;

  g_ptr_array_add (p->file->pods, pod);
  pod->fields = g_ptr_array_new_with_free_func ((GDestroyNotify) param_free);
  if (!next (p))
    return FALSE;

  if (p->tok.kind != TOK_IDENT)
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a POD name, found %s", found);
    }
  pod->name = token_text (&p->tok);
  pod->pos = p->tok.pos;
  if (!next (p))
    return FALSE;

  if (is_punct (&p->tok, "("))
    close = ")";
  else if (is_punct (&p->tok, "{"))
    close = "}";
  else
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected “(” after POD %s, found %s", pod->name, found);
    }
  if (!next (p))
    return FALSE;

  while (!is_punct (&p->tok, close) || pod->fields->len == 0)
    {
      if (is_punct (&p->tok, close))
        return fail (p, p->tok.pos, REPC_ERROR_INVALID, "POD %s has no fields", pod->name);
      if (is_ident (&p->tok, "ENUM") || is_ident (&p->tok, "FLAG"))
        {
          g_autofree char *word = token_text (&p->tok);

          return fail (p, p->tok.pos, REPC_ERROR_UNSUPPORTED, "%s inside a POD is not supported yet", word);
        }
      if (!parse_param (p, pod->fields, TRUE, "field"))
        return FALSE;
      if (is_punct (&p->tok, ","))
        {
          if (!next (p))
            return FALSE;
        }
      else if (!is_punct (&p->tok, close))
        {
          g_autofree char *found = describe (&p->tok);

          return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected “,” or “%s” in POD %s, found %s",
                       close, pod->name, found);
        }
    }

  return next (p) && skip_semicolon (p);
}

/* USE_ENUM "(" NAME ["::" NAME]* ")" [";"] */
static gboolean
parse_use_enum (Parser *p)
{
  g_autoptr(GString) name = g_string_new (NULL);

  if (!next (p) || !accept (p, "(", "after USE_ENUM"))
    return FALSE;

  for (;;)
    {
      if (p->tok.kind != TOK_IDENT)
        {
          g_autofree char *found = describe (&p->tok);

          g_ptr_array_add (p->file->use_enums, g_strdup (name->str));
          return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected an enum name, found %s", found);
        }
      g_string_append_len (name, p->tok.start, p->tok.len);
      if (!next (p))
        return FALSE;
      if (!is_punct (&p->tok, "::"))
        break;
      g_string_append (name, "::");
      if (!next (p))
        return FALSE;
    }
  g_ptr_array_add (p->file->use_enums, g_strdup (name->str));

  return accept (p, ")", "to close USE_ENUM") && skip_semicolon (p);
}

static RepcClass *
class_new (void)
{
  RepcClass *klass = g_new0 (RepcClass, 1);

  klass->properties = g_ptr_array_new_with_free_func ((GDestroyNotify) property_free);
  klass->signals = g_ptr_array_new_with_free_func ((GDestroyNotify) function_free);
  klass->slots = g_ptr_array_new_with_free_func ((GDestroyNotify) function_free);
  klass->enums = g_ptr_array_new_with_free_func ((GDestroyNotify) enum_free);
  return klass;
}

/* class NAME "{" member* "}" [";"] */
static gboolean
parse_class (Parser *p)
{
  RepcClass *klass = class_new ();
  g_autofree char *context = NULL;

  g_ptr_array_add (p->file->classes, klass);
  if (!next (p))
    return FALSE;

  if (p->tok.kind != TOK_IDENT)
    {
      g_autofree char *found = describe (&p->tok);

      return fail (p, p->tok.pos, REPC_ERROR_SYNTAX, "expected a class name, found %s", found);
    }
  klass->name = token_text (&p->tok);
  klass->pos = p->tok.pos;
  context = g_strdup_printf ("after class %s", klass->name);
  if (!next (p) || !accept (p, "{", context))
    return FALSE;

  for (;;)
    {
      const Token *t = &p->tok;
      gboolean ok;

      if (is_punct (t, "}"))
        break;
      if (is_punct (t, ";"))
        ok = next (p);
      else if (is_ident (t, "PROP"))
        ok = parse_prop (p, klass);
      else if (is_ident (t, "SLOT"))
        ok = parse_function (p, klass, TRUE);
      else if (is_ident (t, "SIGNAL"))
        ok = parse_function (p, klass, FALSE);
      else if (is_ident (t, "ENUM"))
        ok = parse_enum (p, klass, klass->enums);
      else if (is_ident (t, "MODEL") || is_ident (t, "CLASS") || is_ident (t, "FLAG"))
        ok = unsupported (p);
      else if (is_ident (t, "class"))
        ok = fail (p, t->pos, REPC_ERROR_SYNTAX, "a class cannot be declared inside another");
      else if (is_ident (t, "POD") || is_ident (t, "USE_ENUM"))
        ok = fail (p, t->pos, REPC_ERROR_SYNTAX, "%.*s can only be used outside a class", (int) t->len, t->start);
      else if (t->kind == TOK_DIRECTIVE)
        ok = fail (p, t->pos, REPC_ERROR_SYNTAX, "preprocessor lines can only be used outside a class");
      else if (t->kind == TOK_EOF)
        ok = fail (p, t->pos, REPC_ERROR_SYNTAX, "class %s (line %d) is not closed with “}”",
                   klass->name, klass->pos.line);
      else
        {
          g_autofree char *found = describe (t);

          ok = fail (p, t->pos, REPC_ERROR_SYNTAX,
                     "expected PROP, SLOT, SIGNAL, ENUM or “}” in class %s, found %s", klass->name, found);
        }
      if (!ok)
        return FALSE;
    }

  return next (p) && skip_semicolon (p);
}

static gboolean
parse_file (Parser *p)
{
  if (!next (p))
    return FALSE;

  while (p->tok.kind != TOK_EOF)
    {
      const Token *t = &p->tok;
      gboolean ok;

      if (t->kind == TOK_DIRECTIVE)
        {
          g_ptr_array_add (p->file->directives, g_strstrip (token_text (t)));
          ok = next (p);
        }
      else if (is_punct (t, ";"))
        ok = next (p);
      else if (is_ident (t, "class"))
        ok = parse_class (p);
      else if (is_ident (t, "ENUM"))
        ok = parse_enum (p, NULL, p->file->enums);
      else if (is_ident (t, "POD"))
        ok = parse_pod (p);
      else if (is_ident (t, "USE_ENUM"))
        ok = parse_use_enum (p);
      else if (is_ident (t, "MODEL") || is_ident (t, "CLASS") || is_ident (t, "FLAG"))
        ok = unsupported (p);
      else if (is_ident (t, "PROP") || is_ident (t, "SLOT") || is_ident (t, "SIGNAL"))
        ok = fail (p, t->pos, REPC_ERROR_SYNTAX, "%.*s can only be used inside a class", (int) t->len, t->start);
      else
        {
          g_autofree char *found = describe (t);

          ok = fail (p, t->pos, REPC_ERROR_SYNTAX,
                     "expected class, ENUM, POD, USE_ENUM or #include, found %s", found);
        }
      if (!ok)
        return FALSE;
    }

  return TRUE;
}

/* Resolving and checking */

typedef struct
{
  RepcFile *file;
  GError **error;
  GHashTable *symbols;     /* C name -> what defines it */
} Checker;

static gboolean check_fail (Checker    *c,
                            RepcPos     pos,
                            RepcError   code,
                            const char *format,
                            ...) G_GNUC_PRINTF (4, 5);

static gboolean
check_fail (Checker    *c,
            RepcPos     pos,
            RepcError   code,
            const char *format,
            ...)
{
  va_list args;

  va_start (args, format);
  set_error_va (c->error, c->file->filename, pos, code, format, args);
  va_end (args);
  return FALSE;
}

/* Every name the generated code defines is claimed here, so that two
 * members can never make the same C symbol. */
static gboolean
claim (Checker    *c,
       RepcPos     pos,
       const char *what,
       const char *format,
       ...) G_GNUC_PRINTF (4, 5);

static gboolean
claim (Checker    *c,
       RepcPos     pos,
       const char *what,
       const char *format,
       ...)
{
  g_autofree char *symbol = NULL;
  const char *owner;
  va_list args;

  va_start (args, format);
  symbol = g_strdup_vprintf (format, args);
  va_end (args);

  owner = g_hash_table_lookup (c->symbols, symbol);
  if (owner != NULL)
    return check_fail (c, pos, REPC_ERROR_INVALID, "%s would define “%s”, which %s already defines",
                       what, symbol, owner);
  g_hash_table_insert (c->symbols, g_steal_pointer (&symbol), g_strdup (what));
  return TRUE;
}

static RepcClass *
find_class (RepcFile   *file,
            const char *name)
{
  for (guint i = 0; i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);

      if (g_str_equal (klass->name, name))
        return klass;
    }
  return NULL;
}

static RepcEnum *
find_enum (GPtrArray  *enums,
           const char *name)
{
  for (guint i = 0; i < enums->len; i++)
    {
      RepcEnum *e = g_ptr_array_index (enums, i);

      if (g_str_equal (e->name, name))
        return e;
    }
  return NULL;
}

static RepcPod *
find_pod (RepcFile   *file,
          const char *name)
{
  for (guint i = 0; i < file->pods->len; i++)
    {
      RepcPod *pod = g_ptr_array_index (file->pods, i);

      if (g_str_equal (pod->name, name))
        return pod;
    }
  return NULL;
}

typedef struct
{
  const char *name;
  RepcTypeKind kind;
} Builtin;

static const Builtin builtins[] = {
  { "void", REPC_TYPE_VOID },
  { "bool", REPC_TYPE_BOOL },
  { "int", REPC_TYPE_INT },
  { "qint32", REPC_TYPE_INT },
  { "int32_t", REPC_TYPE_INT },
  { "uint", REPC_TYPE_UINT },
  { "quint32", REPC_TYPE_UINT },
  { "uint32_t", REPC_TYPE_UINT },
  { "qint64", REPC_TYPE_INT64 },
  { "qlonglong", REPC_TYPE_INT64 },
  { "int64_t", REPC_TYPE_INT64 },
  { "quint64", REPC_TYPE_UINT64 },
  { "qulonglong", REPC_TYPE_UINT64 },
  { "uint64_t", REPC_TYPE_UINT64 },
  { "double", REPC_TYPE_DOUBLE },
  { "float", REPC_TYPE_DOUBLE },
  { "qreal", REPC_TYPE_DOUBLE },
  { "QString", REPC_TYPE_STRING },
  { "QByteArray", REPC_TYPE_BYTES },
  { "QStringList", REPC_TYPE_STRV },
  { "QVariant", REPC_TYPE_VARIANT },
  { "QVariantMap", REPC_TYPE_VARIANT_MAP },
  { "QVariantList", REPC_TYPE_LIST },
  { "QList", REPC_TYPE_LIST },
  { "QVector", REPC_TYPE_LIST },
};

static gboolean resolve_pod (Checker *c,
                             RepcPod *pod);

static gboolean
resolve_type (Checker   *c,
              RepcClass *klass,
              RepcType  *type,
              gboolean   void_allowed)
{
  gboolean is_template = FALSE;

  if (type->kind != REPC_TYPE_UNRESOLVED)
    return TRUE;

  for (guint i = 0; type->scope == NULL && i < G_N_ELEMENTS (builtins); i++)
    if (g_str_equal (type->name, builtins[i].name))
      {
        type->kind = builtins[i].kind;
        is_template = g_str_equal (type->name, "QList") || g_str_equal (type->name, "QVector");
      }

  if (type->kind == REPC_TYPE_UNRESOLVED)
    {
      RepcClass *scope = type->scope != NULL ? find_class (c->file, type->scope) : klass;
      RepcEnum *e = scope != NULL ? find_enum (scope->enums, type->name) : NULL;

      if (e == NULL && type->scope == NULL)
        e = find_enum (c->file->enums, type->name);
      if (e != NULL)
        {
          type->kind = REPC_TYPE_ENUM;
          type->enumeration = e;
        }
      else if (type->scope == NULL && (type->pod = find_pod (c->file, type->name)) != NULL)
        {
          type->kind = REPC_TYPE_POD;
          if (!resolve_pod (c, type->pod))
            return FALSE;
        }
      else
        {
          for (guint i = 0; i < c->file->use_enums->len; i++)
            {
              const char *used = g_ptr_array_index (c->file->use_enums, i);
              const char *last = strrchr (used, ':') != NULL ? strrchr (used, ':') + 1 : used;

              if (g_str_equal (used, type->spelling) || g_str_equal (last, type->spelling))
                return check_fail (c, type->pos, REPC_ERROR_UNSUPPORTED,
                                   "“%s” comes from USE_ENUM, whose values ro-repc cannot see; "
                                   "declare it with ENUM instead", type->spelling);
            }
          return check_fail (c, type->pos, REPC_ERROR_INVALID, "unknown type “%s”", type->spelling);
        }
    }

  if (type->kind == REPC_TYPE_VOID && !void_allowed)
    return check_fail (c, type->pos, REPC_ERROR_INVALID, "void is only allowed as the return type of a SLOT");

  if (is_template)
    {
      if (type->element == NULL)
        return check_fail (c, type->pos, REPC_ERROR_INVALID,
                           "%s needs an element type, as in %s<int>", type->name, type->name);
      if (!resolve_type (c, klass, type->element, FALSE))
        return FALSE;
      /* QList<QString> is a QStringList. */
      if (type->element->kind == REPC_TYPE_STRING)
        type->kind = REPC_TYPE_STRV;
    }
  else if (type->element != NULL)
    return check_fail (c, type->element->pos, REPC_ERROR_INVALID,
                       "“%s” takes no template argument", type->name);
  else if (g_str_equal (type->name, "QVariantList"))
    {
      type->element = repc_type_new ();
      type->element->kind = REPC_TYPE_VARIANT;
      type->element->name = g_strdup ("QVariant");
      type->element->spelling = g_strdup ("QVariant");
      type->element->pos = type->pos;
    }

  return TRUE;
}

static gboolean
resolve_pod (Checker *c,
             RepcPod *pod)
{
  g_autoptr(GString) type_string = NULL;

  if (pod->type_string != NULL)
    return TRUE;
  if (pod->resolving)
    return check_fail (c, pod->pos, REPC_ERROR_INVALID, "POD %s contains itself", pod->name);

  pod->resolving = TRUE;
  type_string = g_string_new ("(");
  for (guint i = 0; i < pod->fields->len; i++)
    {
      RepcParam *field = g_ptr_array_index (pod->fields, i);
      g_autofree char *t = NULL;

      if (!resolve_type (c, NULL, field->type, FALSE))
        return FALSE;
      t = repc_type_container (field->type);
      g_string_append (type_string, t);
    }
  g_string_append_c (type_string, ')');
  pod->type_string = g_strdup (type_string->str);
  pod->resolving = FALSE;
  return TRUE;
}

/* A name that GObject accepts for a property, signal or nick. */
static gboolean
check_gname (Checker    *c,
             RepcPos     pos,
             const char *name,
             const char *gname)
{
  if (!g_ascii_isalpha (gname[0]))
    return check_fail (c, pos, REPC_ERROR_INVALID, "“%s” gives no valid GObject name", name);
  return TRUE;
}

static gboolean
check_params (Checker      *c,
              RepcClass    *klass,
              RepcFunction *func)
{
  for (guint i = 0; i < func->params->len; i++)
    {
      RepcParam *param = g_ptr_array_index (func->params, i);

      if (!resolve_type (c, klass, param->type, FALSE))
        return FALSE;
      param->snake = repc_snake (param->name);
      if (param->snake[0] == '\0' || g_ascii_isdigit (param->snake[0]))
        return check_fail (c, param->pos, REPC_ERROR_INVALID, "“%s” gives no valid C name", param->name);
      param->c_name = repc_is_reserved_c_name (param->snake)
                        ? g_strconcat (param->snake, "_", NULL) : g_strdup (param->snake);
      for (guint j = 0; j < i; j++)
        {
          RepcParam *other = g_ptr_array_index (func->params, j);

          if (g_str_equal (other->c_name, param->c_name))
            return check_fail (c, param->pos, REPC_ERROR_INVALID,
                               "parameter “%s” of %s clashes with “%s”", param->name, func->name, other->name);
        }
    }
  return TRUE;
}

static gboolean
check_default (Checker      *c,
               RepcProperty *prop)
{
  RepcType *type = prop->type;
  const char *text = prop->default_text;
  gint64 s = 0;
  guint64 u = 0;

  switch (prop->default_kind)
    {
    case REPC_DEFAULT_NONE:
      return TRUE;

    case REPC_DEFAULT_NUMBER:
      switch (type->kind)
        {
        case REPC_TYPE_INT:
          if (!parse_integer (text, G_MININT32, G_MAXINT32, &s, &u))
            break;
          prop->default_c = g_strdup_printf ("%" G_GINT64_FORMAT, s);
          return TRUE;
        case REPC_TYPE_UINT:
          if (!parse_integer (text, 0, G_MAXUINT32, &s, &u))
            break;
          prop->default_c = g_strdup_printf ("%" G_GUINT64_FORMAT "u", u);
          return TRUE;
        case REPC_TYPE_INT64:
          if (!parse_integer (text, G_MININT64, G_MAXINT64, &s, &u))
            break;
          prop->default_c = s == G_MININT64 ? g_strdup ("G_MININT64")
                                            : g_strdup_printf ("G_GINT64_CONSTANT (%" G_GINT64_FORMAT ")", s);
          return TRUE;
        case REPC_TYPE_UINT64:
          if (!parse_integer (text, 0, G_MAXUINT64, &s, &u))
            break;
          prop->default_c = g_strdup_printf ("G_GUINT64_CONSTANT (%" G_GUINT64_FORMAT ")", u);
          return TRUE;
        case REPC_TYPE_DOUBLE:
          {
            g_autofree char *number = g_strdup (text);
            gsize len = strlen (number);
            char *end = NULL;

            /* A C float literal such as 1.5f. */
            if (strpbrk (number, "xX") == NULL && (number[len - 1] == 'f' || number[len - 1] == 'F'))
              number[len - 1] = '\0';
            g_ascii_strtod (number, &end);
            if (end == number || *end != '\0')
              break;
            prop->default_c = g_steal_pointer (&number);
            return TRUE;
          }
        case REPC_TYPE_UNRESOLVED:
        case REPC_TYPE_VOID:
        case REPC_TYPE_BOOL:
        case REPC_TYPE_STRING:
        case REPC_TYPE_BYTES:
        case REPC_TYPE_STRV:
        case REPC_TYPE_VARIANT:
        case REPC_TYPE_VARIANT_MAP:
        case REPC_TYPE_LIST:
        case REPC_TYPE_ENUM:
        case REPC_TYPE_POD:
        default:
          break;
        }
      break;

    case REPC_DEFAULT_STRING:
      if (type->kind == REPC_TYPE_STRING)
        {
          prop->default_c = g_strdup (text);
          return TRUE;
        }
      break;

    case REPC_DEFAULT_IDENT:
      if (type->kind == REPC_TYPE_BOOL && (g_str_equal (text, "true") || g_str_equal (text, "false")))
        {
          prop->default_c = g_strdup (g_str_equal (text, "true") ? "TRUE" : "FALSE");
          return TRUE;
        }
      if (type->kind == REPC_TYPE_ENUM)
        {
          RepcEnum *e = type->enumeration;
          const char *name = strrchr (text, ':') != NULL ? strrchr (text, ':') + 1 : text;

          for (guint i = 0; i < e->values->len; i++)
            {
              RepcEnumValue *v = g_ptr_array_index (e->values, i);

              if (g_str_equal (v->name, name))
                {
                  prop->default_c = g_strdup (v->c_name);
                  return TRUE;
                }
            }
          return check_fail (c, prop->default_pos, REPC_ERROR_INVALID,
                             "“%s” is not a value of ENUM %s", text, e->name);
        }
      break;

    default:
      g_assert_not_reached ();
    }

  if (repc_type_is_variant (type) || type->kind == REPC_TYPE_BYTES || type->kind == REPC_TYPE_STRV)
    return check_fail (c, prop->default_pos, REPC_ERROR_UNSUPPORTED,
                       "default values of type %s are not supported", type->spelling);
  return check_fail (c, prop->default_pos, REPC_ERROR_INVALID,
                     "default value “%s” does not fit type %s", text, type->spelling);
}

/* RoReplica's own members, which a generated replica must not hide. */
static const char * const replica_properties[] = { "state", "name", "node", NULL };
static const char * const replica_signals[] = {
  "initialized", "state-changed", "value-changed", "remote-signal", NULL
};

static gboolean
check_property (Checker      *c,
                RepcClass    *klass,
                RepcProperty *prop)
{
  g_autofree char *what = g_strdup_printf ("property %s of class %s", prop->name, klass->name);

  if (!resolve_type (c, klass, prop->type, FALSE))
    return FALSE;

  prop->gname = repc_kebab (prop->name);
  if (!check_gname (c, prop->pos, prop->name, prop->gname))
    return FALSE;
  prop->snake = repc_snake (prop->name);
  prop->upper = repc_upper (prop->name);
  prop->c_name = repc_is_reserved_c_name (prop->snake)
                   ? g_strconcat (prop->snake, "_", NULL) : g_strdup (prop->snake);

  if (g_strv_contains (replica_properties, prop->gname))
    return check_fail (c, prop->pos, REPC_ERROR_INVALID,
                       "property “%s” would hide RoReplica:%s; rename it", prop->name, prop->gname);

  for (guint i = 0; i < klass->properties->len; i++)
    {
      RepcProperty *other = g_ptr_array_index (klass->properties, i);

      if (other == prop)
        break;
      if (g_str_equal (other->gname, prop->gname))
        return check_fail (c, prop->pos, REPC_ERROR_INVALID,
                           "property “%s” clashes with “%s” (line %d): both are “%s”",
                           prop->name, other->name, other->pos.line, prop->gname);
    }

  if (!claim (c, prop->pos, what, "%s_SOURCE_PROP_%s", klass->upper, prop->upper) ||
      !claim (c, prop->pos, what, "%s_source_get_%s", klass->snake, prop->snake) ||
      !claim (c, prop->pos, what, "%s_REPLICA_PROP_%s", klass->upper, prop->upper) ||
      !claim (c, prop->pos, what, "%s_replica_%s_%s", klass->snake,
              repc_type_is_owned (prop->type) ? "dup" : "get", prop->snake))
    return FALSE;
  if (prop->mode != RO_PROPERTY_MODE_CONSTANT &&
      !claim (c, prop->pos, what, "%s_source_set_%s", klass->snake, prop->snake))
    return FALSE;
  if (prop->mode == RO_PROPERTY_MODE_READWRITE &&
      !claim (c, prop->pos, what, "%s_replica_set_%s", klass->snake, prop->snake))
    return FALSE;
  if (prop->mode == RO_PROPERTY_MODE_READPUSH &&
      !claim (c, prop->pos, what, "%s_replica_push_%s", klass->snake, prop->snake))
    return FALSE;

  return check_default (c, prop);
}

static gboolean
check_function (Checker      *c,
                RepcClass    *klass,
                RepcFunction *func,
                gboolean      is_slot)
{
  g_autofree char *what = g_strdup_printf ("%s %s of class %s", is_slot ? "slot" : "signal",
                                           func->name, klass->name);
  GPtrArray *lists[] = { klass->signals, klass->slots };

  if (!resolve_type (c, klass, func->result, is_slot) || !check_params (c, klass, func))
    return FALSE;

  func->gname = repc_kebab (func->name);
  if (!check_gname (c, func->pos, func->name, func->gname))
    return FALSE;
  func->snake = repc_snake (func->name);
  func->upper = repc_upper (func->name);
  func->c_name = repc_is_reserved_c_name (func->snake)
                   ? g_strconcat (func->snake, "_", NULL) : g_strdup (func->snake);

  if (g_str_equal (func->gname, "notify"))
    return check_fail (c, func->pos, REPC_ERROR_INVALID,
                       "%s “%s” would hide GObject::notify; rename it", is_slot ? "slot" : "signal", func->name);
  if (!is_slot && g_strv_contains (replica_signals, func->gname))
    return check_fail (c, func->pos, REPC_ERROR_INVALID,
                       "signal “%s” would hide RoReplica::%s; rename it", func->name, func->gname);

  /* Slots are signals of the source too: one namespace for both. */
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++)
      {
        RepcFunction *other = g_ptr_array_index (lists[l], i);

        if (other == func)
          goto checked;
        if (other->gname != NULL && g_str_equal (other->gname, func->gname))
          return check_fail (c, func->pos, REPC_ERROR_INVALID,
                             "%s “%s” clashes with “%s” (line %d): both are “%s”",
                             is_slot ? "slot" : "signal", func->name, other->name, other->pos.line, func->gname);
      }
checked:

  if (!claim (c, func->pos, what, "%s_SOURCE_SIGNAL_%s", klass->upper, func->upper))
    return FALSE;
  if (!is_slot)
    return claim (c, func->pos, what, "%s_source_emit_%s", klass->snake, func->snake) &&
           claim (c, func->pos, what, "%s_REPLICA_SIGNAL_%s", klass->upper, func->upper);

  return claim (c, func->pos, what, "%s_source_real_%s", klass->snake, func->snake) &&
         claim (c, func->pos, what, "%s_replica_%s_args", klass->snake, func->snake) &&
         claim (c, func->pos, what, "%s_replica_%s_result", klass->snake, func->snake) &&
         claim (c, func->pos, what, "%s_replica_call_%s_async", klass->snake, func->snake) &&
         claim (c, func->pos, what, "%s_replica_call_%s_finish", klass->snake, func->snake) &&
         claim (c, func->pos, what, "%s_replica_call_%s_sync", klass->snake, func->snake);
}

static gboolean
check_enum (Checker  *c,
            RepcEnum *e)
{
  g_autofree char *what = NULL;
  g_autofree char *enum_snake = repc_snake (e->name);
  g_autofree char *enum_upper = repc_upper (e->name);
  g_autofree char *value_prefix = NULL;

  if (e->scope != NULL)
    {
      e->type_name = g_strconcat (e->scope->name, e->name, NULL);
      e->snake = g_strdup_printf ("%s_%s", e->scope->snake, enum_snake);
      e->type_macro = g_strdup_printf ("%s_TYPE_%s", e->scope->upper, enum_upper);
      what = g_strdup_printf ("ENUM %s of class %s", e->name, e->scope->name);
    }
  else
    {
      g_auto(GStrv) words = NULL;

      e->type_name = g_strdup (e->name);
      e->snake = g_strdup (enum_snake);
      words = g_strsplit (enum_snake, "_", 2);
      /* As glib-mkenums does: the first word is the namespace. */
      if (words[0] != NULL && words[1] != NULL)
        {
          g_autofree char *ns = g_ascii_strup (words[0], -1);
          g_autofree char *rest = g_ascii_strup (words[1], -1);

          e->type_macro = g_strdup_printf ("%s_TYPE_%s", ns, rest);
        }
      else
        e->type_macro = g_strdup_printf ("TYPE_%s", enum_upper);
      what = g_strdup_printf ("ENUM %s", e->name);
    }

  if (enum_snake[0] == '\0' || g_ascii_isdigit (enum_snake[0]))
    return check_fail (c, e->pos, REPC_ERROR_INVALID, "“%s” gives no valid C name", e->name);

  if (!claim (c, e->pos, what, "%s", e->type_name) ||
      !claim (c, e->pos, what, "%s_get_type", e->snake) ||
      !claim (c, e->pos, what, "%s", e->type_macro))
    return FALSE;

  value_prefix = g_ascii_strup (e->snake, -1);
  for (guint i = 0; i < e->values->len; i++)
    {
      RepcEnumValue *v = g_ptr_array_index (e->values, i);
      g_autofree char *value_upper = repc_upper (v->name);

      v->nick = repc_kebab (v->name);
      if (!check_gname (c, v->pos, v->name, v->nick))
        return FALSE;
      v->c_name = g_strdup_printf ("%s_%s", value_prefix, value_upper);
      for (guint j = 0; j < i; j++)
        {
          RepcEnumValue *other = g_ptr_array_index (e->values, j);

          if (g_str_equal (other->nick, v->nick))
            return check_fail (c, v->pos, REPC_ERROR_INVALID,
                               "enum value “%s” clashes with “%s” (line %d): both have the nick “%s”",
                               v->name, other->name, other->pos.line, v->nick);
        }
      if (!claim (c, v->pos, what, "%s", v->c_name))
        return FALSE;
    }
  return TRUE;
}

static gboolean
check_pod (Checker *c,
           RepcPod *pod)
{
  g_autofree char *what = g_strdup_printf ("POD %s", pod->name);

  pod->snake = repc_snake (pod->name);
  pod->upper = repc_upper (pod->name);
  if (pod->snake[0] == '\0' || g_ascii_isdigit (pod->snake[0]))
    return check_fail (c, pod->pos, REPC_ERROR_INVALID, "“%s” gives no valid C name", pod->name);

  if (!resolve_pod (c, pod) ||
      !claim (c, pod->pos, what, "%s_new", pod->snake) ||
      !claim (c, pod->pos, what, "%s_VARIANT_TYPE", pod->upper))
    return FALSE;

  for (guint i = 0; i < pod->fields->len; i++)
    {
      RepcParam *field = g_ptr_array_index (pod->fields, i);

      field->snake = repc_snake (field->name);
      if (field->snake[0] == '\0' || g_ascii_isdigit (field->snake[0]))
        return check_fail (c, field->pos, REPC_ERROR_INVALID, "“%s” gives no valid C name", field->name);
      field->c_name = repc_is_reserved_c_name (field->snake)
                        ? g_strconcat (field->snake, "_", NULL) : g_strdup (field->snake);
      for (guint j = 0; j < i; j++)
        {
          RepcParam *other = g_ptr_array_index (pod->fields, j);

          if (g_str_equal (other->c_name, field->c_name))
            return check_fail (c, field->pos, REPC_ERROR_INVALID,
                               "field “%s” of POD %s clashes with “%s”", field->name, pod->name, other->name);
        }
      if (!claim (c, field->pos, what, "%s_get_%s", pod->snake, field->snake))
        return FALSE;
    }
  return TRUE;
}

typedef enum { CLASS_NAME, CLASS_SNAKE, CLASS_UPPER } ClassPart;

static gboolean
check_class (Checker   *c,
             RepcClass *klass)
{
  g_autofree char *what = g_strdup_printf ("class %s", klass->name);
  static const struct {
    ClassPart part;
    const char *suffix;
  } symbols[] = {
    { CLASS_NAME, "Source" },
    { CLASS_NAME, "SourceClass" },
    { CLASS_NAME, "SourcePrivate" },
    { CLASS_NAME, "Replica" },
    { CLASS_NAME, "ReplicaClass" },
    { CLASS_UPPER, "_TYPE_SOURCE" },
    { CLASS_UPPER, "_TYPE_REPLICA" },
    { CLASS_UPPER, "_SOURCE_PROP_0" },
    { CLASS_UPPER, "_SOURCE_N_PROPS" },
    { CLASS_UPPER, "_SOURCE_N_SIGNALS" },
    { CLASS_UPPER, "_REPLICA_PROP_0" },
    { CLASS_UPPER, "_REPLICA_N_PROPS" },
    { CLASS_UPPER, "_REPLICA_N_SIGNALS" },
    { CLASS_UPPER, "_INTERFACE_SIGNATURE" },
    { CLASS_SNAKE, "_source_get_type" },
    { CLASS_SNAKE, "_source_get_instance_private" },
    { CLASS_SNAKE, "_source_parent_class" },
    { CLASS_SNAKE, "_source_class_init" },
    { CLASS_SNAKE, "_source_init" },
    { CLASS_SNAKE, "_source_new" },
    { CLASS_SNAKE, "_source_get_property" },
    { CLASS_SNAKE, "_source_set_property" },
    { CLASS_SNAKE, "_source_finalize" },
    { CLASS_SNAKE, "_source_properties" },
    { CLASS_SNAKE, "_source_signals" },
    { CLASS_SNAKE, "_replica_get_type" },
    { CLASS_SNAKE, "_replica_parent_class" },
    { CLASS_SNAKE, "_replica_class_init" },
    { CLASS_SNAKE, "_replica_init" },
    { CLASS_SNAKE, "_replica_acquire" },
    { CLASS_SNAKE, "_replica_dup_interface_description" },
    { CLASS_SNAKE, "_replica_state_changed" },
    { CLASS_SNAKE, "_replica_properties" },
    { CLASS_SNAKE, "_replica_signals" },
    { CLASS_SNAKE, "_interface_lines" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (symbols); i++)
    {
      const char *part = symbols[i].part == CLASS_NAME ? klass->name
                         : symbols[i].part == CLASS_SNAKE ? klass->snake : klass->upper;
      g_autofree char *symbol = g_strconcat (part, symbols[i].suffix, NULL);

      if (!claim (c, klass->pos, what, "%s", symbol))
        return FALSE;
    }

  for (guint i = 0; i < klass->properties->len; i++)
    if (!check_property (c, klass, g_ptr_array_index (klass->properties, i)))
      return FALSE;
  for (guint i = 0; i < klass->signals->len; i++)
    if (!check_function (c, klass, g_ptr_array_index (klass->signals, i), FALSE))
      return FALSE;
  for (guint i = 0; i < klass->slots->len; i++)
    if (!check_function (c, klass, g_ptr_array_index (klass->slots, i), TRUE))
      return FALSE;

  return TRUE;
}

static void
mark_used (RepcType *type)
{
  if (type->kind == REPC_TYPE_ENUM)
    type->enumeration->used = TRUE;
}

static gboolean
check_file (RepcFile  *file,
            GError   **error)
{
  Checker c = { file, error, NULL };
  gboolean ok = TRUE;

  c.symbols = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; ok && i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);
      RepcClass *first = find_class (file, klass->name);

      if (first != klass)
        ok = check_fail (&c, klass->pos, REPC_ERROR_INVALID, "class %s is declared twice (first at line %d)",
                         klass->name, first->pos.line);
    }

  for (guint i = 0; ok && i < file->enums->len; i++)
    {
      RepcEnum *e = g_ptr_array_index (file->enums, i);

      if (find_enum (file->enums, e->name) != e)
        ok = check_fail (&c, e->pos, REPC_ERROR_INVALID, "ENUM %s is declared twice", e->name);
    }

  /* Names first, so that members may use types declared after them. */
  for (guint i = 0; ok && i < file->enums->len; i++)
    ok = check_enum (&c, g_ptr_array_index (file->enums, i));
  for (guint i = 0; ok && i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);

      klass->snake = repc_snake (klass->name);
      klass->upper = repc_upper (klass->name);
      if (klass->snake[0] == '\0' || g_ascii_isdigit (klass->snake[0]))
        ok = check_fail (&c, klass->pos, REPC_ERROR_INVALID, "“%s” gives no valid C name", klass->name);
      for (guint j = 0; ok && j < klass->enums->len; j++)
        {
          RepcEnum *e = g_ptr_array_index (klass->enums, j);

          if (find_enum (klass->enums, e->name) != e)
            ok = check_fail (&c, e->pos, REPC_ERROR_INVALID, "ENUM %s is declared twice in class %s",
                             e->name, klass->name);
        }
    }
  for (guint i = 0; ok && i < file->pods->len; i++)
    {
      RepcPod *pod = g_ptr_array_index (file->pods, i);

      if (find_pod (file, pod->name) != pod)
        ok = check_fail (&c, pod->pos, REPC_ERROR_INVALID, "POD %s is declared twice", pod->name);
      else if (find_enum (file->enums, pod->name) != NULL)
        ok = check_fail (&c, pod->pos, REPC_ERROR_INVALID, "POD %s has the name of an ENUM", pod->name);
    }
  for (guint i = 0; ok && i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);

      for (guint j = 0; ok && j < klass->enums->len; j++)
        ok = check_enum (&c, g_ptr_array_index (klass->enums, j));
    }
  for (guint i = 0; ok && i < file->pods->len; i++)
    ok = check_pod (&c, g_ptr_array_index (file->pods, i));
  for (guint i = 0; ok && i < file->classes->len; i++)
    ok = check_class (&c, g_ptr_array_index (file->classes, i));

  for (guint i = 0; ok && i < file->classes->len; i++)
    {
      RepcClass *klass = g_ptr_array_index (file->classes, i);

      for (guint j = 0; j < klass->properties->len; j++)
        mark_used (((RepcProperty *) g_ptr_array_index (klass->properties, j))->type);
      for (guint l = 0; l < 2; l++)
        {
          GPtrArray *funcs = l == 0 ? klass->signals : klass->slots;

          for (guint j = 0; j < funcs->len; j++)
            {
              RepcFunction *func = g_ptr_array_index (funcs, j);

              mark_used (func->result);
              for (guint k = 0; k < func->params->len; k++)
                mark_used (((RepcParam *) g_ptr_array_index (func->params, k))->type);
            }
        }
    }

  g_hash_table_unref (c.symbols);
  return ok;
}

RepcFile *
repc_parse (const char  *filename,
            const char  *text,
            gssize       length,
            GError     **error)
{
  g_autoptr(RepcFile) file = g_new0 (RepcFile, 1);
  Parser p = { 0, };
  const char *bad;

  if (length < 0)
    length = strlen (text);

  file->filename = g_strdup (filename);
  file->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) class_free);
  file->enums = g_ptr_array_new_with_free_func ((GDestroyNotify) enum_free);
  file->pods = g_ptr_array_new_with_free_func ((GDestroyNotify) pod_free);
  file->use_enums = g_ptr_array_new_with_free_func (g_free);
  file->directives = g_ptr_array_new_with_free_func (g_free);

  p.filename = filename;
  p.p = text;
  p.end = text + length;
  p.pos.line = 1;
  p.pos.column = 1;
  p.file = file;
  p.error = error;

  /* A NUL byte is refused too. */
  if (!g_utf8_validate (text, length, &bad))
    {
      Parser q = p;

      q.end = bad;
      while (q.p < q.end)
        advance (&q);
      fail (&p, q.pos, REPC_ERROR_SYNTAX, "the file is not valid UTF-8 text");
      return NULL;
    }

  if (!parse_file (&p) || !check_file (file, error))
    return NULL;

  return g_steal_pointer (&file);
}

RepcFile *
repc_parse_file (const char  *filename,
                 GError     **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  if (!g_file_get_contents (filename, &text, &length, &local_error))
    {
      g_set_error (error, REPC_ERROR, REPC_ERROR_INVALID, "%s: error: %s", filename, local_error->message);
      return NULL;
    }
  return repc_parse (filename, text, length, error);
}
