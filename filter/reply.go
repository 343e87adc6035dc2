package filter

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"net/mail"
	"os"
	"strconv"
	"strings"
	"time"
)

// ReplyOptions configures a [ReplyBuilder]. The zero value is the safe
// behaviour.
type ReplyOptions struct {
	// Hostname is the domain part of generated Message-IDs. Empty means
	// os.Hostname(), or "localhost" when that fails.
	Hostname string
	// SendFromRecipient makes the reply's envelope sender the script
	// owner's address, like Pigeonhole's sieve_vacation_send_from_recipient.
	// Zero (false) uses the null sender <>, as RFC 5230 section 5 and
	// RFC 3834 section 3.3 recommend, so that the reply can never bounce
	// back into another auto-reply.
	SendFromRecipient bool
}

// ReplyBuilder builds vacation reply messages (RFC 5230 section 5). It is
// immutable and safe for concurrent use.
type ReplyBuilder struct {
	hostname      string
	fromRecipient bool
	now           func() time.Time // test seam
	random        io.Reader        // test seam
}

// NewReplyBuilder returns a builder for opts.
func NewReplyBuilder(opts ReplyOptions) (*ReplyBuilder, error) {
	host := opts.Hostname
	if host == "" {
		if h, err := os.Hostname(); err == nil && h != "" {
			host = h
		} else {
			host = "localhost"
		}
	}
	if strings.ContainsAny(host, "<>@ \t\r\n") {
		return nil, fmt.Errorf("filter: reply: invalid hostname %q", host)
	}
	return &ReplyBuilder{hostname: host, fromRecipient: opts.SendFromRecipient,
		now: time.Now, random: rand.Reader}, nil
}

// ReplyInput is what one reply is built from.
type ReplyInput struct {
	// Vacation is the action the script produced.
	Vacation Vacation
	// Recipient is the envelope recipient of the original message: the
	// script owner's address (required). It is the reply's From when the
	// script gave no :from and none of the user's addresses is found in
	// Header.
	Recipient string
	// Header is the original message's header (nil allowed). Without
	// :from, the first of the user's addresses (Recipient or :addresses)
	// found in To, Cc, Bcc, Resent-To, Resent-Cc or Resent-Bcc becomes the
	// reply's From, as in Pigeonhole.
	Header mail.Header
}

// Reply is a built vacation reply, ready to hand to an SMTP client.
type Reply struct {
	// EnvelopeFrom is the reply's envelope sender; "" is the null sender <>.
	EnvelopeFrom string
	// EnvelopeTo is the reply's only envelope recipient: the original
	// envelope sender.
	EnvelopeTo string
	msg        []byte
}

// WriteTo writes the whole reply message, with CRLF line ends, to w.
func (r *Reply) WriteTo(w io.Writer) (int64, error) {
	n, err := w.Write(r.msg)
	return int64(n), err
}

// Len returns the size of the reply message in bytes.
func (r *Reply) Len() int { return len(r.msg) }

// Build builds the reply for in. The message carries From, To, Subject
// (RFC 2047 encoded when not ASCII, folded), Date, Message-ID, In-Reply-To
// and References (when the original had a Message-ID),
// "Auto-Submitted: auto-replied (vacation)", "Precedence: bulk",
// "X-Auto-Response-Suppress: All" and MIME-Version; the body is the reason
// as text/plain UTF-8 (8bit, or quoted-printable when a line is too long
// for 8bit), or, with :mime, the reason's own MIME entity. Control
// characters that would break a header are replaced by spaces.
func (b *ReplyBuilder) Build(in ReplyInput) (*Reply, error) {
	v := in.Vacation
	to, err := mail.ParseAddress(v.To)
	if err != nil || v.To == "" {
		return nil, fmt.Errorf("filter: reply: %w: %q", ErrReplyRecipient, v.To)
	}
	if _, err := mail.ParseAddress(in.Recipient); err != nil {
		return nil, fmt.Errorf("filter: reply: %w: %q", ErrReplyRecipient, in.Recipient)
	}
	id, err := b.messageID()
	if err != nil {
		return nil, err
	}
	var h bytes.Buffer
	writeField(&h, "Message-ID", id)
	writeField(&h, "Date", b.now().Format(time.RFC1123Z))
	writeField(&h, "From", formatAddress(replyFrom(in)))
	writeField(&h, "To", (&mail.Address{Address: to.Address}).String())
	writeField(&h, "Subject", encodeSubject(v.Subject))
	if irt := strings.TrimSpace(cleanField(v.InReplyTo)); irt != "" {
		writeField(&h, "In-Reply-To", irt)
		refs := strings.TrimSpace(cleanField(v.References))
		if refs == "" {
			refs = irt
		}
		writeField(&h, "References", refs)
	}
	writeField(&h, "Auto-Submitted", "auto-replied (vacation)")
	writeField(&h, "Precedence", "bulk")
	writeField(&h, "X-Auto-Response-Suppress", "All")
	writeField(&h, "MIME-Version", "1.0")
	if v.MIME {
		writeMIMEBody(&h, v.Reason)
	} else {
		writeTextBody(&h, v.Reason)
	}
	r := &Reply{EnvelopeTo: to.Address, msg: h.Bytes()}
	if b.fromRecipient {
		r.EnvelopeFrom = in.Recipient
	}
	return r, nil
}

// messageID returns a new unique Message-ID.
func (b *ReplyBuilder) messageID() (string, error) {
	var rnd [12]byte
	if _, err := io.ReadFull(b.random, rnd[:]); err != nil {
		return "", fmt.Errorf("filter: reply: message id: %w", err)
	}
	ts := strconv.FormatInt(b.now().UnixNano(), 36)
	return "<" + ts + "." + hex.EncodeToString(rnd[:]) + ".vacation@" + b.hostname + ">", nil
}

// formatAddress renders a as RFC 5322 mailbox; a non-ASCII display name
// is encoded with short encoded-words (see encodeWords).
func formatAddress(a *mail.Address) string {
	name := cleanField(a.Name)
	if !needsEncoding(name) {
		return (&mail.Address{Name: name, Address: a.Address}).String()
	}
	return encodeWords(name) + " " + (&mail.Address{Address: a.Address}).String()
}

// replyFrom picks the reply's From: :from when it parses, else the user's
// address as found in the original header, else the recipient.
func replyFrom(in ReplyInput) *mail.Address {
	if in.Vacation.From != "" {
		if a, err := mail.ParseAddress(in.Vacation.From); err == nil {
			return a
		}
	}
	own := append([]string{in.Recipient}, in.Vacation.Addresses...)
	for _, field := range []string{"To", "Cc", "Bcc", "Resent-To", "Resent-Cc", "Resent-Bcc"} {
		list, err := in.Header.AddressList(field)
		if err != nil {
			continue
		}
		for _, a := range list {
			for _, o := range own {
				if strings.EqualFold(a.Address, strings.Trim(o, "<>")) {
					return &mail.Address{Address: a.Address}
				}
			}
		}
	}
	return &mail.Address{Address: in.Recipient}
}
