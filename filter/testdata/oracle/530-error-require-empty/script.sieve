require "";
