/* nmea.c: a small parser for the GGA and RMC sentences of NMEA 0183
 *
 * Copyright 2026 The libro-glib authors
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A sentence is "$" + fields separated by "," + "*" + two hexadecimal
 * digits, the XOR of every byte between "$" and "*". The first field is
 * the address: a two-letter talker ("GP" for GPS, "GN" for several
 * constellations...) and the sentence type. Only GGA (time, position, fix
 * quality, satellites, altitude) and RMC (time, status, position, speed,
 * course, date) are read; other valid sentences are NMEA_ERROR_UNSUPPORTED,
 * which a caller ignores rather than counts as bad.
 *
 * The input comes from files and serial lines, so it is untrusted: every
 * field is checked, and nothing is read past the line.
 */

#include <math.h>
#include <string.h>

#include "nmea.h"

G_DEFINE_QUARK (nmea-error-quark, nmea_error)

/* Sentences are at most 82 characters; this leaves room for receivers
 * that print more digits, and refuses two sentences run together. */
#define MAX_LINE 160

#define KNOTS_TO_METRES_PER_SECOND (1852.0 / 3600.0)

/* A decimal number: digits, at most one ".", an optional leading "-". No
 * exponents, "nan" or "inf", which strtod() would accept. */
static gboolean
parse_number (const char *field,
              double     *value)
{
  const char *p = field;
  gboolean digits = FALSE, dot = FALSE;

  if (*p == '-')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p == '.' && !dot)
        dot = TRUE;
      else
        return FALSE;
    }
  if (!digits)
    return FALSE;
  *value = g_ascii_strtod (field, NULL);
  return TRUE;
}

static gboolean
parse_uint (const char *field,
            guint       max,
            int        *value)
{
  guint64 n;

  if (!g_ascii_string_to_unsigned (field, 10, 0, max, &n, NULL))
    return FALSE;
  *value = (int) n;
  return TRUE;
}

/* hhmmss or hhmmss.sss */
static gboolean
parse_time (const char  *field,
            gboolean    *has_time,
            double      *time,
            GError     **error)
{
  double seconds;

  *has_time = FALSE;
  if (*field == '\0')
    return TRUE;

  if (strlen (field) < 6 ||
      !g_ascii_isdigit (field[0]) || !g_ascii_isdigit (field[1]) ||
      !g_ascii_isdigit (field[2]) || !g_ascii_isdigit (field[3]) ||
      !parse_number (field + 4, &seconds) || field[4] == '-')
    goto bad;

  {
    int hours = (field[0] - '0') * 10 + (field[1] - '0');
    int minutes = (field[2] - '0') * 10 + (field[3] - '0');

    /* 60 seconds: a leap second. */
    if (hours > 23 || minutes > 59 || seconds >= 61)
      goto bad;
    *time = hours * 3600 + minutes * 60 + seconds;
  }
  *has_time = TRUE;
  return TRUE;

bad:
  g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "bad time “%s”", field);
  return FALSE;
}

/* (d)ddmm.mmmm and a hemisphere letter, as degrees. */
static gboolean
parse_angle (const char  *field,
             const char  *hemisphere,
             gboolean     latitude,
             gboolean    *has_angle,
             double      *angle,
             GError     **error)
{
  const char *positive = latitude ? "N" : "E";
  const char *negative = latitude ? "S" : "W";
  guint degree_digits = latitude ? 2 : 3;
  const char *dot = strchr (field, '.');
  gsize int_len = dot != NULL ? (gsize) (dot - field) : strlen (field);
  double value, minutes;
  int degrees;
  char buffer[4] = { 0 };

  *has_angle = FALSE;
  if (*field == '\0' && *hemisphere == '\0')
    return TRUE;

  if (int_len != degree_digits + 2 || field[0] == '-' ||
      !parse_number (field + degree_digits, &minutes) ||
      field[degree_digits] == '-')
    goto bad;
  memcpy (buffer, field, degree_digits);
  if (!parse_uint (buffer, 180, &degrees) || minutes >= 60)
    goto bad;

  value = degrees + minutes / 60.0;
  if (value > (latitude ? 90.0 : 180.0))
    goto bad;

  if (g_str_equal (hemisphere, negative))
    value = -value;
  else if (!g_str_equal (hemisphere, positive))
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX,
                   "bad hemisphere “%s” (expected %s or %s)", hemisphere, positive, negative);
      return FALSE;
    }

  *angle = value;
  *has_angle = TRUE;
  return TRUE;

bad:
  g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX,
               "bad %s “%s”", latitude ? "latitude" : "longitude", field);
  return FALSE;
}

static gboolean
parse_position (char         **fields,
                NmeaSentence  *sentence,
                GError       **error)
{
  gboolean has_latitude, has_longitude;

  if (!parse_angle (fields[0], fields[1], TRUE, &has_latitude, &sentence->latitude, error) ||
      !parse_angle (fields[2], fields[3], FALSE, &has_longitude, &sentence->longitude, error))
    return FALSE;
  if (has_latitude != has_longitude)
    {
      g_set_error_literal (error, NMEA_ERROR, NMEA_ERROR_SYNTAX,
                           "a latitude without a longitude, or the other way round");
      return FALSE;
    }
  sentence->has_position = has_latitude;
  return TRUE;
}

/* An optional decimal field. */
static gboolean
parse_optional (const char  *field,
                const char  *what,
                gboolean    *has_value,
                double      *value,
                GError     **error)
{
  *has_value = FALSE;
  if (*field == '\0')
    return TRUE;
  if (!parse_number (field, value))
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "bad %s “%s”", what, field);
      return FALSE;
    }
  *has_value = TRUE;
  return TRUE;
}

/* $--GGA,time,lat,N,lon,E,quality,satellites,hdop,altitude,M,separation,M,age,station */
static gboolean
parse_gga (char         **fields,
           guint          n_fields,
           NmeaSentence  *sentence,
           GError       **error)
{
  int quality = 0;

  if (n_fields < 15)
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX,
                   "GGA has %u fields, expected 14", n_fields - 1);
      return FALSE;
    }
  if (!parse_time (fields[1], &sentence->has_time, &sentence->time, error) ||
      !parse_position (fields + 2, sentence, error))
    return FALSE;

  /* Some receivers leave the quality empty until they have a fix. */
  if (*fields[6] != '\0' && !parse_uint (fields[6], 8, &quality))
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "bad fix quality “%s”", fields[6]);
      return FALSE;
    }
  sentence->quality = quality;

  if (*fields[7] != '\0')
    {
      if (!parse_uint (fields[7], 99, &sentence->satellites))
        {
          g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "bad satellite count “%s”", fields[7]);
          return FALSE;
        }
      sentence->has_satellites = TRUE;
    }

  if (!parse_optional (fields[9], "altitude", &sentence->has_altitude, &sentence->altitude, error))
    return FALSE;
  if (sentence->has_altitude && !g_str_equal (fields[10], "M"))
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "altitude in “%s”, not in metres", fields[10]);
      return FALSE;
    }
  return TRUE;
}

/* $--RMC,time,status,lat,N,lon,E,knots,course,ddmmyy,variation,E[,mode[,navstatus]] */
static gboolean
parse_rmc (char         **fields,
           guint          n_fields,
           NmeaSentence  *sentence,
           GError       **error)
{
  const char *date = NULL;

  if (n_fields < 12)
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX,
                   "RMC has %u fields, expected at least 11", n_fields - 1);
      return FALSE;
    }
  if (!parse_time (fields[1], &sentence->has_time, &sentence->time, error))
    return FALSE;

  if (!g_str_equal (fields[2], "A") && !g_str_equal (fields[2], "V"))
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "bad status “%s” (expected A or V)", fields[2]);
      return FALSE;
    }
  sentence->active = fields[2][0] == 'A';

  if (!parse_position (fields + 3, sentence, error) ||
      !parse_optional (fields[7], "speed", &sentence->has_speed, &sentence->speed, error) ||
      !parse_optional (fields[8], "course", &sentence->has_course, &sentence->course, error))
    return FALSE;
  if ((sentence->has_speed && sentence->speed < 0) ||
      (sentence->has_course && (sentence->course < 0 || sentence->course > 360)))
    {
      g_set_error_literal (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "speed or course out of range");
      return FALSE;
    }
  sentence->speed *= KNOTS_TO_METRES_PER_SECOND;

  date = fields[9];
  if (*date != '\0')
    {
      char part[3] = { 0 };

      if (strlen (date) != 6)
        goto bad_date;
      memcpy (part, date, 2);
      if (!parse_uint (part, 31, &sentence->day) || sentence->day == 0)
        goto bad_date;
      memcpy (part, date + 2, 2);
      if (!parse_uint (part, 12, &sentence->month) || sentence->month == 0)
        goto bad_date;
      memcpy (part, date + 4, 2);
      if (!parse_uint (part, 99, &sentence->year))
        goto bad_date;
      /* Two digits: NMEA 0183 was born in 1983. */
      sentence->year += sentence->year < 80 ? 2000 : 1900;
      sentence->has_date = TRUE;
    }

  if (n_fields > 12 && strlen (fields[12]) == 1 && g_ascii_isupper (fields[12][0]))
    sentence->mode = fields[12][0];
  return TRUE;

bad_date:
  g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "bad date “%s”", date);
  return FALSE;
}

/**
 * nmea_parse:
 * @line: one line, with or without its line ending
 * @sentence: (out caller-allocates): the parsed sentence
 * @error: the reason a line is not used
 *
 * Parses a GGA or RMC sentence and verifies its checksum. Lines that are
 * not sentences, have a wrong or missing checksum, or a malformed field
 * give NMEA_ERROR_SYNTAX or NMEA_ERROR_CHECKSUM; valid sentences of other
 * types give NMEA_ERROR_UNSUPPORTED.
 *
 * Returns: whether @sentence was filled
 */
gboolean
nmea_parse (const char    *line,
            NmeaSentence  *sentence,
            GError       **error)
{
  g_autofree char *text = NULL;
  g_auto(GStrv) fields = NULL;
  const char *star;
  const char *address;
  guint8 sum = 0;
  guint n_fields;
  gsize len;
  int given;

  g_return_val_if_fail (line != NULL, FALSE);
  g_return_val_if_fail (sentence != NULL, FALSE);

  memset (sentence, 0, sizeof *sentence);

  text = g_strstrip (g_strdup (line));
  len = strlen (text);
  if (text[0] != '$')
    {
      g_set_error_literal (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "not an NMEA sentence (no “$”)");
      return FALSE;
    }
  if (len > MAX_LINE)
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "too long (%" G_GSIZE_FORMAT " characters)", len);
      return FALSE;
    }
  for (gsize i = 0; i < len; i++)
    if (text[i] < 0x20 || text[i] > 0x7e)
      {
        g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX,
                     "a byte 0x%02x that is not printable ASCII", (guint8) text[i]);
        return FALSE;
      }

  star = strchr (text, '*');
  if (star == NULL)
    {
      g_set_error_literal (error, NMEA_ERROR, NMEA_ERROR_CHECKSUM, "no checksum (“*HH”)");
      return FALSE;
    }
  if (strlen (star + 1) != 2 ||
      (given = g_ascii_xdigit_value (star[1])) < 0 ||
      g_ascii_xdigit_value (star[2]) < 0)
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_CHECKSUM, "malformed checksum “%s”", star);
      return FALSE;
    }
  given = given * 16 + g_ascii_xdigit_value (star[2]);
  for (const char *p = text + 1; p < star; p++)
    sum ^= (guint8) *p;
  if (sum != given)
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_CHECKSUM,
                   "bad checksum: the line says %02X, its contents give %02X", (guint) given, sum);
      return FALSE;
    }

  text[star - text] = '\0';
  fields = g_strsplit (text + 1, ",", -1);
  n_fields = g_strv_length (fields);
  /* g_strsplit() gives no field at all for "". */
  address = n_fields > 0 ? fields[0] : "";

  /* Proprietary sentences ("$P" + maker) are valid, and not ours. */
  if (address[0] == 'P')
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_UNSUPPORTED, "proprietary sentence %s", address);
      return FALSE;
    }
  if (strlen (address) != 5 ||
      !g_ascii_isupper (address[0]) || !g_ascii_isupper (address[1]))
    {
      g_set_error (error, NMEA_ERROR, NMEA_ERROR_SYNTAX, "bad address “%s”", address);
      return FALSE;
    }
  memcpy (sentence->talker, address, 2);

  if (g_str_equal (address + 2, "GGA"))
    {
      sentence->type = NMEA_SENTENCE_GGA;
      return parse_gga (fields, n_fields, sentence, error);
    }
  if (g_str_equal (address + 2, "RMC"))
    {
      sentence->type = NMEA_SENTENCE_RMC;
      return parse_rmc (fields, n_fields, sentence, error);
    }

  g_set_error (error, NMEA_ERROR, NMEA_ERROR_UNSUPPORTED, "%s sentences are not used", address + 2);
  return FALSE;
}

void
nmea_fix_init (NmeaFix *fix)
{
  memset (fix, 0, sizeof *fix);
}

/* A receiver sends its sentences for one instant in a row, all with that
 * instant's time: a new time starts the next epoch. */
gboolean
nmea_fix_is_new_epoch (const NmeaFix      *fix,
                       const NmeaSentence *sentence)
{
  return sentence->has_time && (!fix->has_time || sentence->time != fix->time);
}

void
nmea_fix_begin_epoch (NmeaFix *fix)
{
  fix->seen_gga = FALSE;
}

static NmeaQuality
quality_for_mode (char mode)
{
  switch (mode)
    {
    case 'D': return NMEA_QUALITY_DGPS;
    case 'E': return NMEA_QUALITY_ESTIMATED;
    case 'F': return NMEA_QUALITY_FLOAT_RTK;
    case 'M': return NMEA_QUALITY_MANUAL;
    case 'N': return NMEA_QUALITY_INVALID;
    case 'R': return NMEA_QUALITY_RTK;
    case 'S': return NMEA_QUALITY_SIMULATION;
    default: return NMEA_QUALITY_GPS;
    }
}

/* GGA says more about the fix than RMC does: within an epoch, RMC sets the
 * quality only when no GGA came, whatever their order. */
void
nmea_fix_apply (NmeaFix            *fix,
                const NmeaSentence *sentence)
{
  if (sentence->has_time)
    {
      fix->has_time = TRUE;
      fix->time = sentence->time;
    }
  if (sentence->has_position)
    {
      fix->has_position = TRUE;
      fix->latitude = sentence->latitude;
      fix->longitude = sentence->longitude;
    }

  switch (sentence->type)
    {
    case NMEA_SENTENCE_GGA:
      fix->seen_gga = TRUE;
      fix->quality = sentence->quality;
      if (sentence->has_satellites)
        fix->satellites = sentence->satellites;
      if (sentence->has_altitude)
        fix->altitude = sentence->altitude;
      break;

    case NMEA_SENTENCE_RMC:
      if (!fix->seen_gga)
        fix->quality = sentence->active ? quality_for_mode (sentence->mode) : NMEA_QUALITY_INVALID;
      if (sentence->has_speed)
        fix->speed = sentence->speed;
      if (sentence->has_course)
        fix->course = sentence->course;
      break;

    default:
      g_assert_not_reached ();
    }
}

/* "hh:mm:ss", with hundredths when the receiver gave them. */
char *
nmea_format_time (double time)
{
  int centiseconds = (int) lround (time * 100);
  int seconds = centiseconds / 100;

  if (centiseconds % 100 == 0)
    return g_strdup_printf ("%02d:%02d:%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
  return g_strdup_printf ("%02d:%02d:%02d.%02d", seconds / 3600 % 24, seconds / 60 % 60, seconds % 60,
                          centiseconds % 100);
}
