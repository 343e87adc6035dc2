package filter

import (
	"net/mail"
	"strings"
)

// addressesOf parses an address-list header value as Pigeonhole does:
// element by element, understanding group syntax and encoded display
// names. A bare word ("Doe" in "Doe, John <j@example.com>") is skipped;
// any other element that does not parse ends the list.
func addressesOf(raw string) []string {
	p := mail.AddressParser{WordDecoder: wordDecoder}
	var out []string
	var walk func(s string) bool
	walk = func(s string) bool {
		for _, el := range splitElements(s) {
			el = strings.TrimSpace(el)
			if members, ok := groupMembers(el); ok {
				if !walk(members) {
					return false
				}
				continue
			}
			if a, err := p.Parse(stripComments(el)); err == nil {
				out = append(out, a.Address)
			} else if strings.ContainsAny(el, "<>@\\\"();:[]") {
				return false
			}
		}
		return true
	}
	walk(raw)
	return out
}

// splitElements splits an address list at the commas that are outside
// quoted strings, comments, angle brackets and groups.
func splitElements(s string) []string {
	var out []string
	var q quoteScan
	group := false
	comment, angle, start := 0, 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if q.skip(c) {
			continue
		}
		switch {
		case c == '(':
			comment++
		case c == ')' && comment > 0:
			comment--
		case comment > 0:
		case c == '<':
			angle++
		case c == '>' && angle > 0:
			angle--
		case angle > 0:
		case c == ':':
			group = true
		case c == ';':
			group = false
		case c == ',' && !group:
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

// groupMembers returns the member list of a "name: members;" element.
func groupMembers(el string) (string, bool) {
	parts := splitTop(el, ':')
	if parts < 0 {
		return "", false
	}
	members := strings.TrimSpace(el[parts+1:])
	return strings.TrimSuffix(members, ";"), true
}

// splitTop returns the index of the first c outside quotes, comments and
// angle brackets, or -1.
func splitTop(s string, c byte) int {
	var q quoteScan
	depth := 0
	for i := 0; i < len(s); i++ {
		ch := s[i]
		if q.skip(ch) {
			continue
		}
		switch {
		case ch == '(' || ch == '<':
			depth++
		case (ch == ')' || ch == '>') && depth > 0:
			depth--
		case ch == c && depth == 0:
			return i
		}
	}
	return -1
}

// quoteScan follows quoted strings and backslash escapes through a
// header value, one byte at a time.
type quoteScan struct{ quoted, escaped bool }

// skip consumes c and reports whether it is quoted, escaped, a backslash or
// a quote mark, so no structure to the caller.
func (q *quoteScan) skip(c byte) bool {
	switch {
	case q.escaped:
		q.escaped = false
	case c == '\\':
		q.escaped = true
	case q.quoted:
		q.quoted = c != '"'
	case c == '"':
		q.quoted = true
	default:
		return false
	}
	return true
}

// addressEntries is what the address test sees in one header value: its
// addresses, or, when none parse, the whole value as one invalid entry.
func addressEntries(raw string) (entries []string, invalid bool) {
	if list := addressesOf(raw); len(list) > 0 {
		return list, false
	}
	return []string{strings.TrimSpace(raw)}, true
}

// entryPart returns an address part of an entry; an invalid entry has only
// :all, except the empty one, whose parts are all empty.
func entryPart(entry string, invalid bool, part string) (string, bool) {
	if invalid && entry != "" {
		return entry, part == "all"
	}
	return addressPart(entry, part)
}

// stripComments removes RFC 5322 comments outside quoted strings.
func stripComments(s string) string {
	if !strings.Contains(s, "(") {
		return s
	}
	var b strings.Builder
	quoted, escaped, depth := false, false, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case escaped:
			escaped = false
		case c == '\\':
			escaped = true
		case depth == 0 && c == '"':
			quoted = !quoted
		case !quoted && c == '(':
			depth++
			continue
		case !quoted && c == ')' && depth > 0:
			depth--
			continue
		}
		if depth == 0 {
			b.WriteByte(c)
		}
	}
	return b.String()
}
