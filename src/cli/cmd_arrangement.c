/* placeholder */ typedef int placeholder_cmd_arrangement_t;
