/* placeholder */ typedef int placeholder_cmd_eval_t;
