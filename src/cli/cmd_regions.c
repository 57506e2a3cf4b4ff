/* placeholder */ typedef int placeholder_cmd_regions_t;
