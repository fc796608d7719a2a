//! The servers of `specs/fixture-http.yaml` (an absolute one with variables, then a local one)
//! known to its generated client.

use fixture_http::Client;

#[test]
fn the_first_server_is_the_default_client() {
    assert_eq!(Client::default().base_url(), "https://eu.api.example.com/v2");
}

#[test]
fn server_variables_can_be_set() {
    assert_eq!(Client::server_url("us", "3"), "https://us.api.example.com/v3");
    assert_eq!(Client::new(Client::server_url("us", "2")).base_url(), "https://us.api.example.com/v2");
}

#[test]
fn the_first_servers_path_goes_after_another_origin() {
    assert_eq!(Client::at_origin("http://127.0.0.1:9/").base_url(), "http://127.0.0.1:9/v2");
}
