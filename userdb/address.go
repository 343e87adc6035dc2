package userdb

import (
	"strings"
	"unicode/utf8"
)

// Limits from RFC 5321 section 4.5.3.1 and the usable path length.
const (
	maxLocalOctets   = 64
	maxDomainOctets  = 255
	maxAddressOctets = 254
)

// AddressOptions controls how a recipient address is normalised before it
// is looked up. The zero value lower-cases the whole address and does not
// split off a detail.
type AddressOptions struct {
	// RecipientDelimiter lists the characters that separate a user from an
	// address extension, like Postfix recipient_delimiter: "+" turns
	// "bob+work@example.com" into user "bob@example.com" with detail "work";
	// "+-" splits at the first "+" or "-". Empty disables the split.
	RecipientDelimiter string
	// KeepLocalCase keeps the case of the local part. The zero value
	// lower-cases it, as Postfix does before its table lookups and as
	// Dovecot does with auth_username_format = %Lu. Domains are always
	// lower-cased.
	KeepLocalCase bool
}

// Address is a parsed, normalised recipient address.
type Address struct {
	Local     string // local part without the detail, e.g. "bob"
	Delimiter string // the delimiter character found, "" when none
	Detail    string // the extension after the delimiter, e.g. "work"
	Domain    string // lower-case domain, "" for an address without "@"
}

// String returns the address without its detail: "bob@example.com", or
// just the local part when there is no domain.
func (a Address) String() string {
	if a.Domain == "" {
		return a.Local
	}
	return a.Local + "@" + a.Domain
}

// Full returns the address with its detail: "bob+work@example.com".
func (a Address) Full() string {
	b := Address{Local: a.Local + a.Delimiter + a.Detail, Domain: a.Domain}
	return b.String()
}

// ParseAddress checks and normalises s. The domain is the part after the
// last "@" (a quoted local part may contain "@"); an address without "@"
// has an empty domain, as Dovecot's %d. Lengths are checked after case
// folding. It refuses, with an
// [*AddressError], NUL and other control characters, invalid UTF-8, an
// empty local part, "local@" with an empty domain, a local part over 64
// octets, a domain over 255 and an address over 254.
func ParseAddress(s string, opts AddressOptions) (Address, error) {
	if reason := checkChars(s); reason != "" {
		return Address{}, &AddressError{Address: s, Reason: reason}
	}
	local, domain, hasAt := s, "", false
	if i := strings.LastIndexByte(s, '@'); i >= 0 {
		local, domain, hasAt = s[:i], s[i+1:], true
	}
	domain = strings.ToLower(domain)
	if !opts.KeepLocalCase {
		local = strings.ToLower(local)
	}
	if reason := checkParts(local, domain, hasAt); reason != "" {
		return Address{}, &AddressError{Address: s, Reason: reason}
	}
	a := Address{Local: local, Domain: domain}
	if i := strings.IndexAny(a.Local, opts.RecipientDelimiter); opts.RecipientDelimiter != "" && i > 0 {
		_, size := utf8.DecodeRuneInString(a.Local[i:])
		a.Local, a.Delimiter, a.Detail = a.Local[:i], a.Local[i:i+size], a.Local[i+size:]
	}
	return a, nil
}

func checkChars(s string) string {
	if !utf8.ValidString(s) {
		return "not valid UTF-8"
	}
	for _, r := range s {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return "control character"
		}
	}
	return ""
}

// checkParts checks the lengths of the normalised parts.
func checkParts(local, domain string, hasAt bool) string {
	switch {
	case local == "":
		return "empty local part"
	case hasAt && domain == "":
		return "empty domain"
	case len(local) > maxLocalOctets:
		return "local part longer than 64 octets"
	case len(domain) > maxDomainOctets:
		return "domain longer than 255 octets"
	case len(local)+1+len(domain) > maxAddressOctets:
		return "address longer than 254 octets"
	}
	return ""
}
