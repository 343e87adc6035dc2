package logrot

import (
	"fmt"
	"strings"
	"time"
)

// tai64Base is the TAI64 label of the Unix epoch: 2^62 plus the 10 seconds
// TAI was ahead of UTC in 1970, as daemontools counts (leap seconds since
// are ignored, like multilog).
const tai64Base = 1<<62 + 10

const hexDigits = "0123456789abcdef"

// AppendTAI64N appends the 24 lowercase hex digits of the TAI64N label of t
// (without the leading "@") to b.
func AppendTAI64N(b []byte, t time.Time) []byte {
	sec := uint64(t.Unix()) + tai64Base
	nsec := uint64(t.Nanosecond())
	for shift := 60; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[sec>>uint(shift)&0xf])
	}
	for shift := 28; shift >= 0; shift -= 4 {
		b = append(b, hexDigits[nsec>>uint(shift)&0xf])
	}
	return b
}

// ParseTAI64N parses the 24 lowercase hex digits of a TAI64N label (without
// the leading "@") as AppendTAI64N writes them. It wraps ErrBadName for
// anything else, including labels of 2^63 seconds and more and nanosecond
// fields of 10^9 and more.
func ParseTAI64N(s string) (time.Time, error) {
	if len(s) != 24 {
		return time.Time{}, fmt.Errorf("%w: label %q is not 24 hex digits", ErrBadName, s)
	}
	var sec, nsec uint64
	for i := range 24 {
		c := s[i]
		d := strings.IndexByte(hexDigits, c)
		if d < 0 {
			return time.Time{}, fmt.Errorf("%w: label %q is not lowercase hex", ErrBadName, s)
		}
		if i < 16 {
			sec = sec<<4 | uint64(d)
		} else {
			nsec = nsec<<4 | uint64(d)
		}
	}
	if sec >= 1<<63 || nsec >= 1e9 {
		return time.Time{}, fmt.Errorf("%w: label %q is out of range", ErrBadName, s)
	}
	return time.Unix(int64(sec)-tai64Base, int64(nsec)), nil
}

// Suffixes of rotated files.
const (
	gzSuffix  = ".gz"
	tmpSuffix = ".gz.tmp"
)

// Kind tells what a rotated-file name holds.
type Kind int

const (
	// Plain is a rotated file as written: <base>.@<tai64n>.
	Plain Kind = iota
	// Gzip is a compressed rotated file: <base>.@<tai64n>.gz.
	Gzip
	// GzipTemp is a compression in progress (or left by a crash):
	// <base>.@<tai64n>.gz.tmp. It never replaces anything until complete.
	GzipTemp
)

// RotatedName returns the name of the file that the log named base becomes
// when it is rotated at t: base + ".@" + TAI64N label, plus ".gz" for Gzip
// and ".gz.tmp" for GzipTemp. Names of one log sort in rotation order.
func RotatedName(base string, t time.Time, k Kind) string {
	b := make([]byte, 0, len(base)+2+24+len(tmpSuffix))
	b = append(b, base...)
	b = append(b, ".@"...)
	b = AppendTAI64N(b, t)
	switch k {
	case Gzip:
		b = append(b, gzSuffix...)
	case GzipTemp:
		b = append(b, tmpSuffix...)
	}
	return string(b)
}

// ParseRotatedName reports the rotation time and kind encoded in name, a
// file name RotatedName made for base. It wraps ErrBadName for any other
// name, including the current log (base itself) and its lock file.
func ParseRotatedName(base, name string) (time.Time, Kind, error) {
	rest, ok := strings.CutPrefix(name, base+".@")
	if !ok || len(rest) < 24 {
		return time.Time{}, 0, fmt.Errorf("%w: %q", ErrBadName, name)
	}
	var k Kind
	switch rest[24:] {
	case "":
		k = Plain
	case gzSuffix:
		k = Gzip
	case tmpSuffix:
		k = GzipTemp
	default:
		return time.Time{}, 0, fmt.Errorf("%w: %q", ErrBadName, name)
	}
	t, err := ParseTAI64N(rest[:24])
	if err != nil {
		return time.Time{}, 0, err
	}
	return t, k, nil
}

// rfc3339Micro is the layout of the RFC3339 record prefix.
const rfc3339Micro = "2006-01-02T15:04:05.000000Z07:00"

// appendPrefix appends the record prefix for ts at t to b.
func appendPrefix(b []byte, ts Timestamp, t time.Time) []byte {
	switch ts {
	case RFC3339:
		b = t.UTC().AppendFormat(b, rfc3339Micro)
		return append(b, ' ')
	case TAI64N:
		b = append(b, '@')
		b = AppendTAI64N(b, t)
		return append(b, ' ')
	}
	return b
}
