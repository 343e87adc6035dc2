// Command sievetest runs a Sieve script against one message and prints the
// actions, like Pigeonhole's sieve-test, using package filter.
//
//	sievetest [-json] [-trace] [-mailboxes INBOX,Archive,...] [-x EXT,...]
//	          -script SCRIPT [-from SENDER] [-to RECIPIENT] MESSAGE
//
// With -json it prints exactly one JSON object on stdout:
//
//	{"error": false, "actions": [
//	  {"type": "store", "mailbox": "INBOX", "flags": []},
//	  {"type": "redirect", "to": "someone@example.net"},
//	  {"type": "reject", "reason": "..."},
//	  {"type": "vacation", "to": "sender@example.org", "subject": "..."}
//	]}
//
// Implicit and explicit keep are both a store into INBOX; discard is not
// listed, so a script that only discards gives an empty list. A script that
// does not compile gives {"error": true, "actions": []} and its error on
// stderr. A run-time error (two vacations, reject with fileinto, ...) gives
// the implicit keep only, with the error on stderr, as in delivery.
//
// Without -json the same result is printed for people, each action with the
// place (file:line:column) of the command that produced it; -trace adds
// the source line of each such command and a trace in execution order:
// every if/elsif test evaluated, with its position, its source text and
// whether it matched; every command run; and every question the script
// asked of its environment (mailboxexists, the vacation history), marked
// "?". With -json and -trace the trace goes to stderr, each line prefixed
// "trace: ", and stdout still holds exactly one JSON object.
//
// -from is the envelope sender, an empty value the null sender <>; without it the
// message's Return-Path, else its From address, is used. -to is the
// envelope recipient, the script owner's address; without it the first To
// address of the message is used. -mailboxes lists the mailboxes that exist
// before delivery (default INBOX). -x enables extensions beyond the default
// set (vacation-seconds, ereject, comparator-i;unicode-casemap).
//
// Exit status: 0 when a result was printed (also for a compile error), 1 on
// a usage or I/O error.
package main
