package filter

import "strings"

// This file parses address-list header values (To, Cc, From, ...) the way
// Pigeonhole does, through Dovecot's lenient RFC 5322 parser: a list is
// read element by element; a broken element is kept, marked invalid, and
// parsing goes on after the next comma; a syntax error that leaves no
// comma ends the list, and the addresses read before it still count
// ("a@example.com garbage" yields a@example.com). Groups, route addresses
// (<@relay:a@example.com>), comments, quoted local parts and 8-bit display
// names are understood.

// maxListAddresses caps the elements read from one header value, as
// Pigeonhole does.
const maxListAddresses = 256

// listAddr is one element of a parsed address list: a mailbox, or the
// start or end marker of a group (those have no domain).
type listAddr struct {
	local, domain       string
	hasLocal, hasDomain bool
	invalid             bool // a syntax error in or around this element
}

// listParser holds the state of parsing one address list.
type listParser struct {
	sc      rfcScanner
	comment strings.Builder // the last comment skipped
	cur     listAddr
	out     []listAddr
}

// parseAddressList parses a header value into its elements.
func parseAddressList(value string) []listAddr {
	p := &listParser{}
	p.sc = rfcScanner{s: value, comment: &p.comment, nul: true}
	if p.sc.skipLWSP() != scanMore {
		return nil
	}
	for n := maxListAddresses; n > 0; n-- {
		if p.address() == scanEnd || p.sc.peek() != ',' {
			break
		}
		p.sc.pos++
		if r := p.sc.skipLWSP(); r != scanMore {
			if r == scanErr {
				p.addFixed()
			}
			break
		}
	}
	return p.out
}

// add ends the current element.
func (p *listParser) add() {
	p.out = append(p.out, p.cur)
	p.cur = listAddr{}
}

// addFixed ends the current mailbox, marking it invalid when a part is
// missing.
func (p *listParser) addFixed() {
	if !p.cur.hasLocal {
		p.cur.hasLocal, p.cur.invalid = true, true
	}
	if !p.cur.hasDomain || p.cur.domain == "" {
		p.cur.domain, p.cur.hasDomain, p.cur.invalid = "", true, true
	}
	p.add()
}

func (p *listParser) address() scan {
	start := p.sc.pos
	if r := p.group(); r != scanErr {
		return r
	}
	p.sc.pos = start
	return p.mailbox()
}

// group reads "name: mailbox, ...;". It fails only when the input is not
// a group; a broken group is still a group, with invalid markers.
func (p *listParser) group() scan {
	var name strings.Builder
	if p.sc.phrase(&name) != scanMore || p.sc.peek() != ':' {
		return scanErr
	}
	p.sc.pos++
	r := p.sc.skipLWSP()
	p.cur.invalid = r != scanMore
	p.cur.local, p.cur.hasLocal = name.String(), true
	p.add()
	if r == scanMore && p.sc.peek() != ';' {
		for {
			p.mailbox()
			if p.sc.peek() != ',' {
				break
			}
			p.sc.pos++
			if p.sc.skipLWSP() != scanMore {
				r = scanErr
				break
			}
		}
	}
	if r != scanErr {
		if p.sc.peek() != ';' {
			r = scanErr
		} else {
			p.sc.pos++
			r = p.sc.skipLWSP()
		}
	}
	p.cur.invalid = r == scanErr
	p.add()
	if r == scanEnd {
		return scanEnd
	}
	return scanMore
}

// mailbox reads "phrase <addr>" or a bare addr-spec and records it.
func (p *listParser) mailbox() scan {
	start := p.sc.pos
	r := p.nameAddr()
	if r == scanErr {
		p.sc.pos = start
		r = p.addrSpec()
	}
	if r == scanErr {
		p.cur.invalid = true
	}
	p.addFixed()
	return r
}

func (p *listParser) nameAddr() scan {
	var name strings.Builder
	if p.sc.phrase(&name) != scanMore || p.sc.peek() != '<' {
		return scanErr
	}
	if p.angleAddr() == scanErr {
		p.cur.invalid = true
	}
	return p.sc.status()
}

// angleAddr reads "<[@route:]local@domain>".
func (p *listParser) angleAddr() scan {
	p.sc.pos++
	if p.sc.skipLWSP() != scanMore {
		return scanErr
	}
	if p.sc.peek() == '@' {
		if p.route() == scanMore && p.sc.peek() == ':' {
			p.sc.pos++
		} else if !p.sc.more() {
			return scanErr
		}
		if p.sc.skipLWSP() != scanMore {
			return scanErr
		}
	}
	if p.sc.peek() != '>' { // "<>" is no address, and no error here
		if p.localPart() != scanMore {
			return scanErr
		}
		if p.sc.peek() == '@' && p.domainPart() != scanMore {
			return scanErr
		}
	}
	if p.sc.peek() != '>' {
		return scanErr
	}
	p.sc.pos++
	return p.sc.skipLWSP()
}

// route skips an obsolete source route, "@a.example,@b.example".
func (p *listParser) route() scan {
	var b strings.Builder
	for p.sc.more() && p.sc.peek() == '@' {
		if r := p.sc.domain(&b); r != scanMore {
			return r
		}
		for p.sc.skipLWSP() == scanMore && p.sc.peek() == ',' {
			p.sc.pos++
		}
	}
	return p.sc.status()
}

func (p *listParser) localPart() scan {
	var b strings.Builder
	var r scan
	if p.sc.peek() == '"' {
		r = p.sc.quoted(&b)
	} else {
		r = p.sc.looseDotAtom(&b)
	}
	if r != scanErr {
		p.cur.local, p.cur.hasLocal = b.String(), true
	}
	return r
}

func (p *listParser) domainPart() scan {
	var b strings.Builder
	r := p.sc.domain(&b)
	if r != scanErr {
		p.cur.domain, p.cur.hasDomain = b.String(), true
	}
	return r
}

// addrSpec reads "local@domain". Without "@domain", a comment after the
// local part or further words make it a display name: the element is
// invalid either way, but the words are consumed.
func (p *listParser) addrSpec() scan {
	p.comment.Reset()
	quoted := p.sc.peek() == '"'
	r := p.localPart()
	if r != scanMore {
		p.cur.invalid = true
	}
	domainTried := false
	if r != scanEnd && p.sc.peek() == '@' {
		domainTried = true
		if r2 := p.domainPart(); r2 != scanMore {
			r = r2
		}
	}
	if p.comment.Len() > 0 || domainTried {
		return r
	}
	var words strings.Builder
	p.sc.phrase(&words)
	if words.Len() > 0 {
		p.cur.local, p.cur.hasLocal = "", false
	} else if !quoted {
		p.cur.domain, p.cur.hasDomain = "", true
	}
	p.cur.invalid = true
	return scanErr
}

// smtpAddr reports whether el is a usable address: a mailbox (not a group
// marker) whose local part SMTP can carry (printable ASCII).
func (el listAddr) smtpAddr() bool {
	return el.hasDomain && printableASCII(el.local)
}

// addrEntry is one value the address test sees in a header: an address,
// or, when no element of the value is a valid address, the value itself.
type addrEntry struct {
	local, domain string
	raw           string // the unparsed value, when !parsed
	parsed        bool
}

// addressEntries returns what the address test sees in one header value:
// the valid addresses (an empty local part counts but yields nothing), or
// the whole value as one unparsed entry when every element is invalid. A
// value holding no element at all (only a comment) yields nothing; an
// empty value yields one empty entry.
func addressEntries(raw string) []addrEntry {
	value := strings.TrimSpace(raw)
	if value == "" {
		return []addrEntry{{}}
	}
	list := parseAddressList(raw)
	var out []addrEntry
	valid := false
	for _, el := range list {
		if el.invalid || !el.smtpAddr() {
			continue
		}
		valid = true
		if el.local != "" {
			out = append(out, addrEntry{local: el.local, domain: el.domain, parsed: true})
		}
	}
	if !valid && len(list) > 0 {
		return []addrEntry{{raw: value}}
	}
	return out
}

// part returns an address part of the entry (RFC 5228 section 2.7.4,
// RFC 5233). An unparsed entry has only :all, except the empty one, whose
// parts are all empty.
func (e addrEntry) part(name string) (string, bool) {
	if !e.parsed {
		return e.raw, e.raw == "" || name == "all"
	}
	user, detail, hasDetail := strings.Cut(e.local, "+")
	switch name {
	case "all":
		return encodeAddr(e.local, e.domain), true
	case "localpart":
		return e.local, true
	case "domain":
		return e.domain, true
	case "user":
		return user, true
	}
	return detail, hasDetail
}

// listHasAddress reports whether one of the elements of an address-list
// header value is one of mine. Like Pigeonhole's vacation, it also looks
// at elements with a syntax error, as long as they have a local part and
// a domain.
func listHasAddress(raw string, mine []mailAddr) bool {
	for _, el := range parseAddressList(raw) {
		if !el.smtpAddr() || el.local == "" {
			continue
		}
		for _, m := range mine {
			if m.equalFold(mailAddr{local: el.local, domain: el.domain}) {
				return true
			}
		}
	}
	return false
}
