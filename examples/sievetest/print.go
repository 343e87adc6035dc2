package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/letterbox-mail/letterbox/filter"
	"github.com/letterbox-mail/letterbox/filter/filtertest"
)

// jsonAction is one action of the -json output (DESIGN.md contract).
type jsonAction struct {
	Type    string    `json:"type"`
	Mailbox *string   `json:"mailbox,omitempty"`
	Flags   *[]string `json:"flags,omitempty"`
	To      *string   `json:"to,omitempty"`
	Reason  *string   `json:"reason,omitempty"`
	Subject *string   `json:"subject,omitempty"`
}

type jsonResult struct {
	Error   bool         `json:"error"`
	Actions []jsonAction `json:"actions"`
}

// printer writes the result in the chosen form.
type printer struct {
	c   config
	src []byte
	w   io.Writer
}

func newPrinter(c config, src []byte, w io.Writer) *printer {
	return &printer{c: c, src: src, w: w}
}

func (p *printer) compileError(err error) error {
	if p.c.json {
		return p.writeJSON(jsonResult{Error: true, Actions: []jsonAction{}})
	}
	_, werr := fmt.Fprintf(p.w, "script %s does not compile:\n  %v\n", p.c.script, err)
	return werr
}

func (p *printer) result(env filter.Envelope, res filter.Result, runErr error, trace []string) error {
	if p.c.json {
		return p.writeJSON(toJSON(res))
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "script:   %s\nmessage:  %s\nenvelope: from <%s> to <%s>\n", p.c.script, p.c.message, env.From, env.To)
	if runErr != nil {
		fmt.Fprintf(&b, "run-time error, the message is only kept:\n  %v\n", runErr)
	}
	b.WriteString("actions:\n")
	if len(res.Actions) == 0 {
		b.WriteString("  (none: the message is discarded)\n")
	}
	for _, a := range res.Actions {
		fmt.Fprintf(&b, "  %-50s %s\n", filtertest.DescribeAction(a), p.origin(a, res))
		if line := p.sourceLine(a.Position()); p.c.trace && line != "" {
			fmt.Fprintf(&b, "  %50s | %s\n", "", line)
		}
	}
	if p.c.trace {
		b.WriteString("trace:\n")
		if len(trace) == 0 {
			b.WriteString("  (no test evaluated, no command run)\n")
		}
		for _, l := range trace {
			fmt.Fprintf(&b, "  %s\n", l)
		}
	}
	_, err := p.w.Write(b.Bytes())
	return err
}

// origin names where an action came from.
func (p *printer) origin(a filter.Action, res filter.Result) string {
	pos := a.Position()
	if pos == (filter.Pos{}) {
		if res.ImplicitKeep {
			return "(implicit keep)"
		}
		return ""
	}
	return pos.String()
}

// sourceLine returns the trimmed source line at pos when pos is in the
// main script.
func (p *printer) sourceLine(pos filter.Pos) string {
	if pos.File != p.c.script || pos.Line < 1 {
		return ""
	}
	lines := strings.Split(string(p.src), "\n")
	if pos.Line > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[pos.Line-1])
}

func (p *printer) writeJSON(r jsonResult) error {
	enc := json.NewEncoder(p.w)
	enc.SetEscapeHTML(false)
	return enc.Encode(r)
}

// toJSON converts a result to the contract's form; discard is left out.
func toJSON(res filter.Result) jsonResult {
	out := jsonResult{Actions: []jsonAction{}}
	for _, a := range res.Actions {
		switch a := a.(type) {
		case filter.Store:
			flags := a.Flags
			if flags == nil {
				flags = []string{}
			}
			out.Actions = append(out.Actions, jsonAction{Type: "store", Mailbox: &a.Mailbox, Flags: &flags})
		case filter.Redirect:
			out.Actions = append(out.Actions, jsonAction{Type: "redirect", To: &a.To})
		case filter.Reject:
			out.Actions = append(out.Actions, jsonAction{Type: "reject", Reason: &a.Reason})
		case filter.Vacation:
			out.Actions = append(out.Actions, jsonAction{Type: "vacation", To: &a.To, Subject: &a.Subject})
		}
	}
	return out
}
