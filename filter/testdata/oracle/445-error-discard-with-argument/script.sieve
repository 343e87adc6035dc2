discard "now";
