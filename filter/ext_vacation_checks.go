package filter

import (
	"context"
	"strings"

	"github.com/foxcpp/go-sieve/interp"
)

// listHeaders mark mailing-list mail (RFC 2369, RFC 2919).
var listHeaders = []string{"list-id", "list-owner", "list-subscribe", "list-post",
	"list-unsubscribe", "list-help", "list-archive"}

// recipientHeaders are searched for the user's address (RFC 5230 section 4.5).
var recipientHeaders = []string{"to", "cc", "bcc", "resent-to", "resent-cc", "resent-bcc"}

// shouldReply applies Pigeonhole's suppression checks in its order.
func (st *runState) shouldReply(ctx context.Context, addresses []string, handle string) (bool, error) {
	sender, rcpt := st.in.Envelope.From, st.in.Envelope.To
	switch {
	case sender == "" || sender == "<>":
		return false, nil
	case strings.EqualFold(sender, rcpt), containsFold(addresses, sender):
		return false, nil
	}
	if st.in.Vacation != nil {
		replied, err := st.in.Vacation.Replied(ctx, sender, handle, st.in.Now)
		if err != nil || replied {
			return false, err
		}
	}
	if st.listMail() || st.autoSubmitted() || st.bulkPrecedence() || st.responseSuppressed() {
		return false, nil
	}
	if systemAddress(sender) {
		return false, nil
	}
	return st.addressedToUser(rcpt, addresses), nil
}

func (st *runState) listMail() bool {
	for _, h := range listHeaders {
		if _, ok := st.msg.header(h); ok {
			return true
		}
	}
	return false
}

func (st *runState) autoSubmitted() bool {
	for _, v := range st.msg.untrimmed["auto-submitted"] {
		if !strings.EqualFold(v, "no") {
			return true
		}
	}
	return false
}

func (st *runState) bulkPrecedence() bool {
	for _, v := range st.msg.untrimmed["precedence"] {
		switch strings.ToLower(v) {
		case "junk", "bulk", "list":
			return true
		}
	}
	return false
}

func (st *runState) responseSuppressed() bool {
	for _, v := range st.msg.decoded["x-auto-response-suppress"] {
		for _, tok := range strings.Split(v, ",") {
			tok = strings.TrimSpace(tok)
			if strings.EqualFold(tok, "all") || strings.EqualFold(tok, "oof") {
				return true
			}
		}
	}
	return false
}

// systemAddress reports the senders RFC 5230 section 4.6 says never to
// answer. The -request and owner- checks are case-sensitive, as in
// Pigeonhole.
func systemAddress(sender string) bool {
	local, _, _ := splitAddr(sender)
	switch strings.ToLower(local) {
	case "mailer-daemon", "listserv", "majordomo":
		return true
	}
	return strings.Contains(local, "-request") || strings.HasPrefix(local, "owner-")
}

// addressedToUser reports whether the recipient or one of :addresses is in
// a recipient header (RFC 5230 section 4.5).
func (st *runState) addressedToUser(rcpt string, addresses []string) bool {
	mine := []mailAddr{ownAddress(rcpt)}
	for _, a := range addresses {
		mine = append(mine, ownAddress(a))
	}
	for _, h := range recipientHeaders {
		for _, raw := range st.msg.raw[h] {
			if listHasAddress(raw, mine) {
				return true
			}
		}
	}
	return false
}

// ownAddresses expands and parses the :addresses entries as Pigeonhole
// does: each is one address (display name, angle brackets and comments
// allowed), normalised; an entry that does not parse is ignored.
func ownAddresses(d *interp.RuntimeData, entries []string) []string {
	var out []string
	for _, e := range entries {
		if a, err := parseMailbox(expand(d, e)); err == nil {
			out = append(out, a.String())
		}
	}
	return out
}

func containsFold(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
