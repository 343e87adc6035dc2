require "fileinto";
}
fileinto "Archive";
