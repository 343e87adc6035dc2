package filter_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/emersion/go-message/charset"
)

// oracleResult is the normalised result of expected.json.
type oracleResult struct {
	Error   bool           `json:"error"`
	Actions []oracleAction `json:"actions"`
}

// oracleAction is one normalised action; fields a type does not use stay
// empty and are left out of the JSON.
type oracleAction struct {
	Type    string   `json:"type"`
	Mailbox string   `json:"mailbox,omitempty"`
	Flags   []string `json:"flags"`
	To      string   `json:"to,omitempty"`
	Reason  string   `json:"reason,omitempty"`
	Subject *string  `json:"subject,omitempty"`
}

// MarshalJSON writes only the fields of the action's type, in the order
// of the corpus' expected.json.
func (a oracleAction) MarshalJSON() ([]byte, error) {
	fields := []any{"type", a.Type}
	switch a.Type {
	case "store":
		fields = append(fields, "mailbox", a.Mailbox, "flags", a.Flags)
	case "redirect", "vacation":
		fields = append(fields, "to", a.To)
	case "reject":
		fields = append(fields, "reason", a.Reason)
	}
	if a.Type == "vacation" && a.Subject != nil {
		fields = append(fields, "subject", *a.Subject)
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	b.WriteByte('{')
	for i := 0; i < len(fields); i += 2 {
		if i > 0 {
			b.WriteByte(',')
		}
		if err := enc.Encode(fields[i]); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
		b.WriteByte(':')
		if err := enc.Encode(fields[i+1]); err != nil {
			return nil, err
		}
		b.Truncate(b.Len() - 1)
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

var systemFlags = map[string]string{`\seen`: `\Seen`, `\answered`: `\Answered`,
	`\flagged`: `\Flagged`, `\deleted`: `\Deleted`, `\draft`: `\Draft`}

// oracleFlags canonicalises system flags, removes duplicates and sorts.
func oracleFlags(flags []string) []string {
	set := map[string]bool{}
	for _, f := range flags {
		if c, ok := systemFlags[strings.ToLower(f)]; ok && strings.HasPrefix(f, `\`) {
			f = c
		}
		if f != "" {
			set[f] = true
		}
	}
	out := make([]string, 0, len(set))
	for f := range set {
		out = append(out, f)
	}
	sort.Strings(out)
	return out
}

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func (a oracleAction) sortKey() string {
	k := a.Mailbox
	if a.Type != "store" {
		k = a.To
		if a.Type == "reject" {
			k = a.Reason
		}
	}
	j, _ := json.Marshal(a)
	return a.Type + "\x00" + k + "\x00" + string(j)
}

// normal returns the canonical form: flags normalised, actions sorted.
func (r oracleResult) normal() oracleResult {
	out := oracleResult{Error: r.Error, Actions: make([]oracleAction, 0, len(r.Actions))}
	for _, a := range r.Actions {
		if a.Type == "store" {
			a.Flags = oracleFlags(a.Flags)
		} else {
			a.Flags = nil
		}
		out.Actions = append(out.Actions, a)
	}
	sort.SliceStable(out.Actions, func(i, j int) bool {
		return out.Actions[i].sortKey() < out.Actions[j].sortKey()
	})
	return out
}

// withoutSubjects drops vacation subjects when want lists none, as
// run-candidate.sh does.
func (r oracleResult) withoutSubjects(want oracleResult) oracleResult {
	for _, a := range want.Actions {
		if a.Type == "vacation" && a.Subject != nil {
			return r
		}
	}
	for i := range r.Actions {
		r.Actions[i].Subject = nil
	}
	return r
}

func (r oracleResult) String() string {
	b, _ := json.Marshal(r)
	return string(b)
}

var encodedWord = regexp.MustCompile(`=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=`)

// decodeEncodedWords decodes RFC 2047 words; white space between two
// encoded words is dropped and consecutive words in one charset are joined
// before decoding.
func decodeEncodedWords(v string) string {
	var out strings.Builder
	var cs string
	var pending []byte
	flush := func() {
		if pending != nil {
			out.WriteString(decodeCharset(cs, pending))
			pending = nil
		}
	}
	pos := 0
	for _, m := range encodedWord.FindAllStringSubmatchIndex(v, -1) {
		between := v[pos:m[0]]
		if pending == nil || strings.Trim(between, " \t") != "" {
			flush()
			out.WriteString(between)
		}
		word := strings.ToLower(strings.SplitN(v[m[2]:m[3]], "*", 2)[0])
		raw := decodeWordData(strings.ToUpper(v[m[4]:m[5]]), v[m[6]:m[7]])
		if pending != nil && word == cs {
			pending = append(pending, raw...)
		} else {
			flush()
			cs, pending = word, append([]byte{}, raw...)
		}
		pos = m[1]
	}
	flush()
	out.WriteString(v[pos:])
	return out.String()
}

func decodeWordData(enc, data string) []byte {
	if enc == "B" {
		raw, _ := base64.StdEncoding.DecodeString(data + strings.Repeat("=", (4-len(data)%4)%4))
		return raw
	}
	var out []byte
	for i := 0; i < len(data); i++ {
		switch c := data[i]; {
		case c == '_':
			out = append(out, ' ')
		case c == '=' && i+2 < len(data):
			var b byte
			if _, err := fmt.Sscanf(data[i+1:i+3], "%02X", &b); err == nil {
				out, i = append(out, b), i+2
				continue
			}
			out = append(out, c)
		default:
			out = append(out, c)
		}
	}
	return out
}

func decodeCharset(cs string, raw []byte) string {
	if cs == "utf-8" || cs == "us-ascii" {
		return strings.ToValidUTF8(string(raw), string(utf8.RuneError))
	}
	r, err := charset.Reader(cs, bytes.NewReader(raw))
	if err != nil {
		r, _ = charset.Reader("iso-8859-1", bytes.NewReader(raw))
	}
	b, _ := io.ReadAll(r)
	return string(b)
}
